"""Values written into files other than HTML, encoded for them: an address as printable ASCII
(RFC 3986), so that no character of it can end a line of a vCard, a calendar or robots.txt."""
from urllib.parse import quote

URI_SAFE = "!#$%&'()*+,/:;=?@[]~"  # reserved and already-escaped characters stay as written


def ascii_uri(value: str) -> str:
    """``value`` with every character outside printable ASCII percent-encoded (UTF-8)."""
    return quote(value, safe=URI_SAFE)
