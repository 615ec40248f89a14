"""The contacts domain: contacts.yaml, people, participants and quotes; Swedish addresses;
vCards and JSON-LD of contacts. May import civicsite.core only."""
