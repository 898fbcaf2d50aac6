"""book/_ext/bulgarian_stemmer.py and its JavaScript twin: the rules, and that the two agree.

The index of the Bulgarian site is written with the Python stemmer and the reader's query is
stemmed in the browser with the JavaScript one; a word that the two stem differently cannot
be found. The agreement test runs both on every word of the Bulgarian book (Node.js runs the
JavaScript that goes into the site's language_data.js).
"""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
import snowballstemmer
from bookfiles import BOOK, Page, pages
from sitesearch import NODE_MISSING, run_stemmer

sys.path.insert(0, str(BOOK / "_ext"))
import bulgarian_search  # noqa: E402  (book/_ext)
import bulgarian_stemmer  # noqa: E402
from bulgarian_stemmer import stem, stem_bulgarian  # noqa: E402

WORD = re.compile(r"\w+")  # Sphinx's SearchLanguage.split: the words the index is made of


@pytest.fixture(scope="module")
def node_available():
    if shutil.which("node") is None:
        pytest.fail(NODE_MISSING, pytrace=False)


def book_words() -> list[str]:
    """Every distinct word of the Bulgarian sources, as Sphinx splits text (both scripts)."""
    words: set[str] = set()
    for path in pages("bg").values():
        words.update(WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(words)


def glossary_words() -> set[str]:
    names = Page(BOOK / "bg" / "key-concepts.md").glossary_terms
    return {w for name in names for w in WORD.findall(name)}


# -- The rules, one example each (Savoy's light stemmer as in Lucene's BulgarianStemmer) -------

SAVOY = [
    ("под", "под"),  # fewer than four letters: not stemmed
    ("пътища", "път"),  # "-ища"
    ("първият", "първ"),  # article "-ият"
    ("моментът", "момент"),  # article "-ът"
    ("правилото", "правил"),  # article "-то", then the final "о"
    ("градиентите", "градиент"),  # article "-те", then plural "-и"
    ("загубата", "загуб"),  # article "-та" after a vowel, then the final "а"
    ("скоростта", "скорост"),  # article "-та" after "т"
    ("първия", "първ"),  # article "-ия"
    ("случаят", "случ"),  # article "-ят", then the final "а"
    ("ключове", "ключ"),  # plural "-ове"
    ("героеве", "герой"),  # plural "-еве" -> "й"
    ("учебници", "учебник"),  # plural "-ци" -> "к"
    ("залози", "залог"),  # plural "-зи" -> "г"
    ("монаси", "монах"),  # plural "-си" -> "х"
    ("успехи", "успях"),  # plural "-еXи" -> "-яX"
    ("епохи", "епох"),  # plural "-и"
    ("линия", "лини"),  # final "я"
    ("зелен", "зелн"),  # "-ен" -> "-н"
    ("параметър", "параметр"),  # "-ъX" -> "-X"
]

ADDITIONS = [
    ("градиента", "градиент"),  # "т" + short article "а", not "-та" (Savoy: "градин")
    ("момента", "момент"),  # (Savoy: "момн")
    ("помощта", "помощ"),  # "-та" after "щ" is the article
    ("функцията", "функц"),  # the "и" of "-ия" (Savoy: "функци")
    ("функции", "функц"),
    ("условие", "услов"),  # the "и" of "-ие" (Savoy: "услови")
    ("основен", "основ"),  # the adjective suffix "н" (Savoy: "основн")
    ("градиентния", "градиент"),  # (Savoy: "градиентн")
    ("минималният", "минимал"),
    ("терминът", "термин"),  # "н" after a vowel stays
    ("случайни", "случайн"),  # "н" after "й" stays ("случайни" is not "случай")
]


@pytest.mark.parametrize(("word", "expected"), SAVOY + ADDITIONS)
def test_rule(word, expected):
    assert stem_bulgarian(word) == expected


# Every form of a word of the lesson has one stem: the forms find each other's pages.
FAMILIES = [
    "градиент градиента градиентът градиенти градиентите градиентен градиентния градиентният",
    "скорост скоростта скорости скоростите",
    "моментум моментума моментумът",
    "оптимизатор оптимизатора оптимизаторът оптимизатори оптимизаторите",
    "загуба загубата загуби загубите",
    "батч батча батчът батчове батчовете",
    "минимум минимума минимумът минимуми минимумите",
    "епоха епохата епохи епохите",
    "функция функцията функции функциите",
    "параметър параметъра параметърът параметри параметрите",
    "хиперпараметър хиперпараметри хиперпараметрите",
    "траектория траекторията траектории траекториите",
    "решение решението решения решенията",
    "стохастичен стохастична стохастичния стохастичното стохастични",
    "точка точката точки точките",
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.split()[0])
def test_every_form_has_the_stem_of_the_base_word(family):
    base, *forms = family.split()
    assert {form: stem(form) for form in forms} == {form: stem(base) for form in forms}


@pytest.mark.parametrize(("one", "other"), [
    ("моментум", "момент"), ("скорост", "скоро"), ("случайни", "случай"),
    ("загуба", "загряване"), ("минимум", "максимум"), ("батч", "батерия"),
])
def test_different_words_keep_different_stems(one, other):
    assert stem(one) != stem(other)


@pytest.mark.parametrize("word", ["Adam", "optimizers", "SGD", "learning", "RMSprop", "PyTorch"])
def test_latin_words_get_the_english_snowball_stem(word):
    assert stem(word) == snowballstemmer.stemmer("english").stemWord(word.lower())


def test_latin_forms_share_a_stem():
    assert stem("optimizers") == stem("Optimizer") == "optim"


def test_cyrillic_spelling_of_a_latin_name_is_its_latin_stem():
    assert stem("Адам") == stem("Adam") == "adam"
    assert stem("адаград") == stem("Adagrad")


def test_stop_words_are_left_as_they_are():
    assert {"като", "което", "между", "повече", "the", "and"} <= bulgarian_stemmer.STOPWORDS
    assert len(bulgarian_stemmer.BULGARIAN_STOPWORDS) > 150
    changed = {w: stem(w) for w in bulgarian_stemmer.STOPWORDS if stem(w) != w}
    assert not changed


def test_words_are_lower_cased():
    assert stem("ГРАДИЕНТЪТ") == stem("градиентът") == "градиент"


# -- Python and JavaScript agree on every word of the book -------------------------------------

def javascript_stems(words: list[str]) -> list[str]:
    """The stems the site's JavaScript gives: language_data.js is Sphinx's stop-word Set, then
    bulgarian_search.javascript(), exactly as Sphinx's template writes it."""
    stop = sorted(bulgarian_search.SearchBulgarian.stopwords)
    stop_set = f"const stopwords = new Set({json.dumps(stop, ensure_ascii=False)});\n"
    return run_stemmer(stop_set + bulgarian_search.javascript(), words)[0]


def test_the_word_list_covers_the_book_and_its_glossary():
    words = set(book_words())
    assert len(words) > 3000
    assert sum(1 for w in words if bulgarian_stemmer.CYRILLIC.search(w)) > 2000
    assert glossary_words() <= words
    changed = [w for w in words if bulgarian_stemmer.CYRILLIC.search(w) and stem(w) != w.lower()]
    assert len(changed) > 1500, "the stemmer leaves almost every Bulgarian word as it is"


def test_python_and_javascript_give_the_same_stem_to_every_word_of_the_book(node_available):
    words = book_words() + sorted(bulgarian_stemmer.CYRILLIC_SPELLINGS)
    python = [stem(w).lower() for w in words]  # Sphinx's IndexBuilder lower-cases the stem
    javascript = javascript_stems(words)
    differ = [(w, p, j) for w, p, j in zip(words, python, javascript, strict=True) if p != j]
    assert not differ, f"{len(differ)} of {len(words)} differ (word, Python, JS): {differ[:20]}"


def test_the_javascript_is_not_the_english_stemmer_alone(node_available):
    assert javascript_stems(["градиентът", "Адам", "optimizers", "като"]) == [
        "градиент", "adam", "optim", "като"]
