"""Phone numbers are checked for being *assigned* (phonenumbers.is_valid_number), not only for
having a possible length: each number here has the right length for Sweden but lies in a range
no operator has (an audit replaced is_valid_number with is_possible_number and every contact
test still passed)."""
from __future__ import annotations

import phonenumbers
import pytest
import yaml

from civicsite.contacts.reach import phone
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx

UNASSIGNED = ["0100-12 34 56", "0999-123 45", "+46 10 000 00 00"]


@pytest.mark.parametrize("written", UNASSIGNED)
def test_a_possible_but_unassigned_number_is_an_error(written: str) -> None:
    number = phonenumbers.parse(written, "SE")
    assert phonenumbers.is_possible_number(number) and not phonenumbers.is_valid_number(number)
    diag = Diagnostics()
    assert phone(yaml.ScalarNode("tag:yaml.org,2002:str", written), Ctx(diag, "c.yaml", "phone")) is None
    (error,) = diag.errors
    assert error.field == "phone" and written in error.message


@pytest.mark.parametrize("written", ["0220-24000", "010-123 45 67", "+46 8 508 000 00"])
def test_assigned_numbers_of_the_same_shapes_are_fine(written: str) -> None:
    diag = Diagnostics()
    assert phone(yaml.ScalarNode("tag:yaml.org,2002:str", written), Ctx(diag, "c.yaml", "phone"))
    assert not diag.items
