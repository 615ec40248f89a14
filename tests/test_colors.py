"""Site colours: WCAG contrast arithmetic, the generated custom properties, the build-time check."""
import pytest

from civicsite.content.colors import (
    COLOR_FIELDS,
    SOFT,
    WHITE,
    Colors,
    colors_css,
    contrast,
    parse_colors,
)
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx, compose


def test_contrast_matches_known_wcag_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#fff", "#000") == contrast("#000000", "#ffffff")


def test_default_colours_pass_every_check():
    for name, (default, against) in COLOR_FIELDS.items():
        for other, _ in against:
            assert contrast(default, other) >= 4.5, (name, other)


def _parse(text: str):
    diag = Diagnostics()
    ctx = Ctx(diag, "site.yaml", "colors", 1)
    node = compose(text, ctx)
    return parse_colors(node, ctx), diag.report(strict=True)


def test_good_colours_are_read_and_written_as_custom_properties():
    colors, problems = _parse('primary: "#2D3A8C"\nlink: "#1a4f8b"\ntext: "#222"\n')
    assert problems == []
    assert colors == Colors(primary="#2d3a8c", link="#1a4f8b", text="#222222")
    css = colors_css(colors)
    assert "--brand: #2d3a8c;" in css and "--link: #1a4f8b;" in css and "--text: #222222;" in css
    # the darker shade for hover and the organisation bar has at least the contrast of the colour
    assert contrast(colors.primary_dark, WHITE) >= contrast(colors.primary, WHITE)


def test_a_failing_ratio_is_never_rounded_up():
    _, problems = _parse('text: "#777777"\n')  # 4.48:1 on white
    assert len(problems) == 1
    assert problems[0].startswith('site.yaml:1: colors.text: "#777777" has a contrast of 4.47:1 against the white page;')
    assert "4.50:1" not in problems[0] and "needs at least 4.5:1" in problems[0]


def test_link_colour_is_checked_against_the_footer_too():
    # passes on white (4.6:1) but not on the light footer
    assert contrast("#747474", WHITE) >= 4.5 > contrast("#747474", SOFT)
    _, problems = _parse('link: "#747474"\n')
    assert len(problems) == 1 and f"against the light footer ({SOFT})" in problems[0]


def test_an_unquoted_colour_is_an_error_not_silently_the_default():
    # YAML reads `#7fb2d9` after "primary: " as a comment: the field is there but empty
    colors, problems = _parse("primary: #0b4f6c\nlink: \"#1a4f8b\"\n")
    assert problems == ['site.yaml:1: colors.primary: no colour given; write it in quotes, e.g. '
                        '"#0b4f6c" (without quotes, YAML reads # as the start of a comment)']
    assert colors.link == "#1a4f8b"
