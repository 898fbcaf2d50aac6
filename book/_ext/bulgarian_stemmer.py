"""The stemmer of the Bulgarian site's search: one word in, the stem it is indexed under out.

- A **Cyrillic** word goes through the light Bulgarian stemmer of Savoy (J. Savoy, "Searching
  strategies for the Bulgarian language", *Information Retrieval* 10, 2007, pp. 509–529), whose
  rules Apache Lucene's ``BulgarianStemmer`` implements: remove the definite article, then the
  plural ending, then a final vowel, and rewrite two endings. Three rules of the book's own
  (marked *addition* below) fix what the light rules split in this book's vocabulary: the
  masculine short article ("градиента" is "градиент" + "а", not "градиен" + "та"), the "и" of
  nouns in "-ия"/"-ие" ("функция", "функцията", "функции" are one stem) and the adjective
  suffix "-ен"/"-н" ("градиентния", "градиентен" find "градиент").
- A **Latin-script** word (Adam, SGD, optimizer, code) goes through the English Snowball
  stemmer, the one Sphinx's English search uses, so it is found as on the English site.
- A **stop word** (Savoy's Bulgarian list, ``bulgarian_stopwords.txt``, and Sphinx's English one)
  is left as it is: the index leaves it out and the search page ignores it in a query.
- A name the book writes only in Latin script, typed in Cyrillic ("Адам"), is stemmed as its
  Latin spelling (:data:`CYRILLIC_SPELLINGS`).

Sphinx stems the pages with this module when it writes the index; the browser stems the
reader's query with its JavaScript twin, ``bulgarian_stemmer.js``. The two must give the same
stem to every word: ``tests/test_bulgarian_stemmer.py`` runs both on every word of the
Bulgarian book and compares.

>>> [stem(w) for w in ("градиентът", "градиента", "градиентите", "градиентния", "Градиент")]
['градиент', 'градиент', 'градиент', 'градиент', 'градиент']
>>> [stem(w) for w in ("скоростта", "моментумът", "батчове", "Adam", "Адам", "optimizers")]
['скорост', 'моментум', 'батч', 'adam', 'adam', 'optim']
"""

from __future__ import annotations

import re
from pathlib import Path

import snowballstemmer
from sphinx.search.en import SearchEnglish

CYRILLIC = re.compile("[\u0400-\u04ff]")
VOWELS = frozenset("аъоуеиюяѝ")
CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")  # without "й"

STOPWORDS_FILE = Path(__file__).with_name("bulgarian_stopwords.txt")
BULGARIAN_STOPWORDS = frozenset(
    line.strip()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: What the index leaves out and the search page ignores: Bulgarian and English stop words.
STOPWORDS = BULGARIAN_STOPWORDS | frozenset(SearchEnglish.stopwords)

#: Names the book writes only in Latin script, as a Bulgarian reader may type them.
CYRILLIC_SPELLINGS = {
    "адам": "adam",
    "адаград": "adagrad",
}

_english = snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """The search stem of one word of any script (see the module's documentation)."""
    word = word.lower()
    if word in STOPWORDS:
        return word
    word = CYRILLIC_SPELLINGS.get(word, word)
    if CYRILLIC.search(word):
        return stem_bulgarian(word)
    return _english.stemWord(word)


def stem_bulgarian(word: str) -> str:
    """The stem of one lower-case Cyrillic word: Savoy's light rules and the book's additions.

    >>> [stem_bulgarian(w) for w in ("функция", "функцията", "функции", "функциите")]
    ['функц', 'функц', 'функц', 'функц']
    >>> [stem_bulgarian(w) for w in ("основа", "основата", "основен", "основните")]
    ['основ', 'основ', 'основ', 'основ']
    >>> stem_bulgarian("под")  # fewer than four letters: not stemmed
    'под'
    """
    if len(word) < 4:
        return word
    if len(word) > 5 and word.endswith("ища"):
        return word[:-3]
    word = _remove_article(word)
    word = _remove_plural(word)
    word = _remove_final_vowel(word)
    word = _remove_final_i(word)
    word = _rewrite_endings(word)
    return _remove_adjective_n(word)


def _article_ta(word: str) -> bool:
    """Addition: is a final "та" an ending (article or plural) rather than "т" + "а"?

    Savoy removes every final "та". After a vowel ("загубата", "числата"), "т" ("скоростта")
    or "щ" ("помощта") it is the feminine or plural article; after another consonant the word
    is a masculine noun with the short article "а" ("градиента", "момента"), which
    :func:`_remove_final_vowel` removes.
    """
    return word.endswith("та") and (word[-3] in VOWELS or word[-3] in "тщ")


def _remove_article(word: str) -> str:
    """Savoy: remove the definite article ("-ият", "-ът", "-то", "-те", "-та", "-ия", "-ят")."""
    if len(word) > 6 and word.endswith("ият"):
        return word[:-3]
    if len(word) > 5 and (word.endswith(("ът", "то", "те", "ия")) or _article_ta(word)):
        return word[:-2]
    if len(word) > 4 and word.endswith("ят"):
        return word[:-2]
    return word


def _remove_plural(word: str) -> str:
    """Savoy: remove the plural ending, restoring the consonant it changed ("-ци" → "к")."""
    if len(word) > 6:
        if word.endswith(("овци", "ове")):  # "-овци" keeps its "о"
            return word[:-3]
        if word.endswith("еве"):
            return word[:-3] + "й"
    if len(word) > 5:
        if word.endswith("ища"):
            return word[:-3]
        if _article_ta(word):
            return word[:-2]
        if word.endswith("ци"):
            return word[:-2] + "к"
        if word.endswith("зи"):
            return word[:-2] + "г"
        if word[-3] == "е" and word[-1] == "и":  # "-еXи" → "-яX"
            return word[:-3] + "я" + word[-2]
    if len(word) > 4:
        if word.endswith("си"):
            return word[:-2] + "х"
        if word.endswith("и"):
            return word[:-1]
    return word


def _remove_final_vowel(word: str) -> str:
    """Savoy: remove a final "я", then a final "а", "о" or "е"."""
    if len(word) > 3:
        if word.endswith("я"):
            word = word[:-1]
        if word.endswith(("а", "о", "е")):
            word = word[:-1]
    return word


def _remove_final_i(word: str) -> str:
    """Addition: remove the "и" that the rules above leave of "-ия", "-ие" and "-ии"."""
    if len(word) > 4 and word.endswith("и"):
        return word[:-1]
    return word


def _rewrite_endings(word: str) -> str:
    """Savoy: "-ен" → "-н" (the vowel that drops in "основен" → "основна"), "-ъX" → "-X"."""
    if len(word) > 4 and word.endswith("ен"):
        word = word[:-2] + "н"
    if len(word) > 5 and word[-2] == "ъ":
        word = word[:-2] + word[-1]
    return word


def _remove_adjective_n(word: str) -> str:
    """Addition: remove the adjective suffix "н" after a consonant ("градиентн" → "градиент")."""
    if len(word) > 5 and word[-1] == "н" and word[-2] in CONSONANTS:
        return word[:-1]
    return word
