"""What text may hold, and values written into files other than HTML encoded for them: no
control characters in any text (they are invisible, make XML invalid and end up raw in vCards
and calendars), and an address as printable ASCII (RFC 3986), so that no character of it can
end a line of a vCard, a calendar or robots.txt."""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import quote

from civicsite.core.messages import _

# C0 and C1 controls other than tab and line break (a YAML escape such as "\x01" or "\0"
# writes them), and the non-characters XML forbids
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

URI_SAFE = "!#$%&'()*+,/:;=?@[]~"  # reserved and already-escaped characters stay as written


def ascii_uri(value: str) -> str:
    """``value`` with every character outside printable ASCII percent-encoded (UTF-8)."""
    return quote(value, safe=URI_SAFE)


def control_character(value: str) -> Optional[tuple[int, str]]:
    """Where in ``value`` the first character CONTROL forbids is, and the message saying so."""
    found = CONTROL.search(value)
    if found is None:
        return None
    code = "%04X" % ord(found.group())
    return found.start(), _("contains an invisible control character (U+{code}) that is not "
                            "allowed; delete it, or retype the text", code=code)
