"""The preview (``civicsite serve``) beside the built site: what it knows of the last build
(``status``), what it adds to the pages it serves — marks on drafts and on pages still to be
published, each page's warnings, the error page of a broken page (``marks``) — the HTTP handler
that answers only its own address (``server``), the file watcher (``watch``) and the quick
render of a page whose text alone changed (``quick``). May import every package but cli and
serve."""
