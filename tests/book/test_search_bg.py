"""The Bulgarian site's search (book/_ext/bulgarian_search.py), read from the built site.

Every form of a word finds the pages of its base word: the query is stemmed by the site's own
language_data.js (run with Node.js) and looked up in its searchindex.js as searchtools.js
does (tests/sitesearch.py; one test checks that computation against the real searchtools.js).
"""

from __future__ import annotations

import shutil
import sys

import pytest
from bookfiles import BOOK
from sitefiles import SITE
from sitesearch import NODE_MISSING, SearchPage, searchtools_pages

sys.path.insert(0, str(BOOK / "_ext"))
import bulgarian_stemmer  # noqa: E402  (book/_ext)

# (inflected form, base word): the form must find exactly the pages of the base word.
INFLECTED = [
    ("градиентния", "градиент"),
    ("градиентът", "градиент"),
    ("градиента", "градиент"),
    ("градиентите", "градиент"),
    ("скоростта", "скорост"),
    ("моментумът", "моментум"),
    ("моментума", "моментум"),
    ("оптимизаторите", "оптимизатор"),
    ("загубата", "загуба"),
    ("батчове", "батч"),
    ("минимумите", "минимум"),
    ("епохата", "епоха"),
    ("функцията", "функция"),
    ("параметрите", "параметър"),
]


@pytest.fixture(scope="module")
def bg() -> SearchPage:
    if not (SITE / "bg" / "searchindex.js").is_file():
        pytest.fail(f"{SITE / 'bg'} is not built: run `make html` (make test does it)")
    if shutil.which("node") is None:
        pytest.fail(NODE_MISSING, pytrace=False)
    return SearchPage(SITE / "bg")


@pytest.mark.parametrize(("form", "base"), INFLECTED, ids=[f for f, _ in INFLECTED])
def test_an_inflected_form_finds_the_pages_of_its_base_word(bg, form, base):
    base_pages = bg.pages(base)
    assert len(base_pages) >= 3, f"{base!r} finds only {sorted(base_pages)}"
    assert bg.pages(form) == base_pages


def test_the_index_holds_stems_not_forms(bg):
    terms = bg.index["terms"].keys() | bg.index["titleterms"].keys()
    assert {"градиент", "скорост", "моментум", "оптимизатор", "батч", "минимум"} <= terms
    forms = {"градиентът", "градиентния", "градиента", "скоростта", "моментумът", "батчове"}
    assert not forms & terms, f"forms indexed as words of their own: {sorted(forms & terms)}"


def test_the_page_stems_queries_as_the_index_was_stemmed(bg):
    words = [w for pair in INFLECTED for w in pair] + ["Adam", "optimizers", "Адам", "SGD"]
    assert bg.stems(words) == [bulgarian_stemmer.stem(w).lower() for w in words]


@pytest.mark.parametrize("word", ["Adam", "SGD", "RMSprop", "optimizer", "PyTorch"])
def test_latin_script_words_are_found(bg, word):
    assert bg.pages(word), f"{word!r} finds nothing on the Bulgarian site"


def test_latin_words_are_stemmed_as_english(bg):
    assert bg.pages("optimizers") == bg.pages("optimizer")


def test_adam_typed_in_cyrillic_finds_adam(bg):
    assert bg.pages("Адам") == bg.pages("Adam") != set()


def test_bulgarian_stop_words_are_neither_indexed_nor_searched(bg):
    stop = {"като", "което", "между", "може", "това"}
    assert stop <= bg.stopwords
    assert not stop & bg.index["terms"].keys()
    assert bg.pages("като") == set()


def test_python_finds_what_the_real_searchtools_finds(bg):
    queries = [f for pair in INFLECTED for f in pair] + [
        "Адам", "Adam", "SGD", "мини-батч", "скорост на учене", "градиентен спуск", "като"]
    real = searchtools_pages(SITE / "bg", queries)
    assert {q: bg.pages(q) for q in queries} == dict(zip(queries, real, strict=True))


def test_the_english_site_keeps_the_english_stemmer():
    if shutil.which("node") is None:
        pytest.fail(NODE_MISSING, pytrace=False)
    en = SearchPage(SITE / "en")
    assert en.stems(["optimizers", "градиентът"]) == ["optim", "градиентът"]
