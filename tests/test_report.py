"""dlopt.report formats the numbers a page quotes, in the page's language."""

from __future__ import annotations

import pytest

from dlopt.report import THIN_SPACE, Numbers, Text


@pytest.mark.parametrize("value, spec, bg, en", [
    (0.398, ".3f", "0,398", "0.398"),
    (0.922, ".1%", f"92,2{THIN_SPACE}%", "92.2%"),
    (4400, ",d", f"4{THIN_SPACE}400", "4,400"),
    (-0.5, ".1f", "\u22120,5", "\u22120.5"),
    (15, "d", "15", "15"),
    (2.5e-5, ".1e", "2,5e\u221205", "2.5e\u221205"),
])
def test_each_language_writes_the_number_its_way(value, spec, bg, en):
    assert Numbers(",")(value, spec) == bg
    assert Numbers(".")(value, spec) == en


@pytest.mark.parametrize("value", ["0.5", None, True, [1.0]])
def test_a_value_that_is_not_a_number_is_refused(value):
    with pytest.raises(ValueError, match="value must be a number"):
        Numbers(",")(value, ".2f")


def test_a_spec_that_does_not_fit_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"spec 'd' cannot format 0\.5"):
        Numbers(".")(0.5, "d")


def test_glued_text_shows_without_quotes(monkeypatch):
    import myst_nb

    glued = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, obj, display: glued.update({name: obj}))
    result = Numbers(",").glue("x", 0.25, ".2f")
    text = glued["x"]
    assert isinstance(text, Text) and repr(text) == "0,25" and text == "0,25"
    assert result is None, "a cell ending with a glue must not show the number under it"
