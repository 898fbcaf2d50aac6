"""book/references.bib as the bibliography page prints it, in both citation styles.

The page's text is not math (MathJax skips it), and pybtex's ``plain`` style and the
Bulgarian ``plain_bg`` put titles in sentence case: what is not protected with braces
is lowercased, so "O(1/k^2)" would print as "o(1/k^2)" and "Bayesian" as "bayesian".
"""

from __future__ import annotations

import functools
import re
import sys

import pytest
from bookfiles import BOOK
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

sys.path.insert(0, str(BOOK / "_ext"))
import bibliography_bg  # noqa: E402  (registers the style "plain_bg")

BIB = parse_file(str(BOOK / "references.bib"))
STYLES = ("plain", "plain_bg")

# Names and symbols whose capitals carry meaning; when a title contains one, both styles
# must print it unchanged.
PROPER = ("Bayesian", "Hessian", "Adam", "SGD", "SDEs", "ImageNet", "RMSprop", "O(1/k²)")


@functools.cache
def rendered(style: str) -> dict[str, str]:
    formatter = find_plugin("pybtex.style.formatting", style)()
    return {entry.key: entry.text.render_as("text")
            for entry in formatter.format_entries(BIB.entries.values())}


@pytest.fixture(scope="module", params=STYLES)
def entries(request) -> dict[str, str]:
    return rendered(request.param)


def test_no_tex_math_in_the_entries():
    """The bibliography section is not typeset as math: a `$` would be printed as it is."""
    with_dollar = [key for key, entry in BIB.entries.items()
                   if any("$" in value for value in entry.fields.values())]
    assert not with_dollar, f"TeX math in {with_dollar}: write the symbols in Unicode (k²)"


def test_arxiv_only_works_use_eprint():
    """One encoding for arXiv, the one `plain` links: eprint + archivePrefix."""
    wrong = []
    for key, entry in BIB.entries.items():
        fields = {name.lower(): value for name, value in entry.fields.items()}
        elsewhere = [name for name, value in fields.items()
                     if name not in ("eprint", "archiveprefix") and re.search("arxiv", value, re.I)]
        if elsewhere or ("eprint" in fields) != (fields.get("archiveprefix") == "arXiv"):
            wrong.append(key)
    assert not wrong, f"write arXiv works as eprint = {{…}}, archivePrefix = {{arXiv}}: {wrong}"


def test_proper_names_keep_their_capitals(entries):
    lost = [(key, name) for key, entry in BIB.entries.items()
            for name in PROPER
            if name in entry.fields.get("title", "").replace("{", "").replace("}", "")
            and name not in entries[key]]
    assert not lost, f"sentence case lowercased {lost}: protect them with braces in references.bib"


def test_editions_read_in_both_languages():
    english, bulgarian = rendered("plain"), rendered("plain_bg")
    with_edition = [key for key, entry in BIB.entries.items() if "edition" in entry.fields]
    assert with_edition, "references.bib has an edition (griewank2008)"
    for key in with_edition:
        number = bibliography_bg.bulgarian_edition(BIB.entries[key].fields["edition"])
        assert f"{number} изд." in bulgarian[key]
        assert re.search(r"\b[a-z]+ edition\b", english[key]), english[key]
    assert "SIAM, second edition, 2008" in english["griewank2008"]
    assert "SIAM, 2. изд., 2008" in bulgarian["griewank2008"]


@pytest.mark.parametrize("edition", ["2", "2nd", "второ", ""])
def test_an_edition_that_is_not_an_ordinal_word_is_refused(edition):
    with pytest.raises(ValueError, match=f"edition = {edition!r}: write an English ordinal word"):
        bibliography_bg.bulgarian_edition(edition)


def test_bulgarian_volume_follows_the_series():
    """Bulgarian bibliographies write „PMLR, т. 40“, not the calque „том 40 от PMLR“."""
    bulgarian = rendered("plain_bg")
    with_volume = [key for key, entry in BIB.entries.items()
                   if entry.type == "inproceedings" and "volume" in entry.fields]
    assert with_volume, "references.bib has proceedings with a volume (ge2015)"
    for key in with_volume:
        fields = BIB.entries[key].fields
        text = bulgarian[key].replace("\N{NO-BREAK SPACE}", " ")
        assert f"{fields['series']}, т. {fields['volume']}" in text, text
        assert "том" not in text, text


SERIES = {"International Conference on Machine Learning": "ICML",
          "Conference on Learning Theory": "COLT"}


def test_one_form_per_proceedings_series():
    """Every ICML or COLT paper is printed the same way: acronym, PMLR and its volume."""
    wrong = []
    for key, entry in BIB.entries.items():
        booktitle = entry.fields.get("booktitle", "")
        for name, acronym in SERIES.items():
            same_form = (booktitle.endswith(f"{name} ({acronym})")
                         and entry.fields.get("series") == "PMLR" and "volume" in entry.fields)
            if name in booktitle and not same_form:
                wrong.append(key)
    assert not wrong, ("write ICML and COLT papers as 'Proceedings of the …th <name> (<acronym>)' "
                       f"with series = {{PMLR}} and its volume: {wrong}")


def test_one_form_per_author_name():
    """An author appears under one name everywhere ("George E. Dahl", never also "George Dahl")."""
    forms: dict[tuple[str, str], set[str]] = {}
    for entry in BIB.entries.values():
        for person in entry.persons.get("author", []):
            key = (" ".join(person.first_names), " ".join(person.last_names))
            forms.setdefault(key, set()).add(" ".join(person.first_names + person.middle_names))
    differing = {f"{first} {last}": sorted(given)
                 for (first, last), given in forms.items() if len(given) > 1}
    assert not differing, f"one form per author name in references.bib: {differing}"
