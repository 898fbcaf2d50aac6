"""Search that understands Bulgarian: the search language ``bg`` for Sphinx.

Snowball has no Bulgarian stemmer, so Sphinx has no Bulgarian search: without this
extension a Bulgarian site is indexed with the English stemmer, and each form of a word
("градиент", "градиентът", "градиента") is a word of its own. With ``html_search_language =
"bg"`` (conf.py) the index is written with :mod:`bulgarian_stemmer` and the search page
stems the query with its JavaScript twin, so every form finds the pages of every other.

The JavaScript goes into the site's ``language_data.js`` (Sphinx's slot for a language's
stemmer): Sphinx's own minified Snowball ``EnglishStemmer`` (for Latin-script words), then
``bulgarian_stemmer.js``, then ``Stemmer``, the class ``searchtools.js`` uses. The site
loads nothing else.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import bulgarian_stemmer
import sphinx
from sphinx.search import SearchLanguage

HERE = Path(__file__).parent
SNOWBALL_JS = Path(sphinx.package_dir) / "search" / "minified-js"


def javascript() -> str:
    """The stemmer for ``language_data.js``: defines ``Stemmer`` (``new Stemmer().stemWord``).

    It uses the Set ``stopwords`` that ``language_data.js`` defines before it.
    """
    parts = [
        (SNOWBALL_JS / "base-stemmer.js").read_text(encoding="utf-8"),
        (SNOWBALL_JS / "english-stemmer.js").read_text(encoding="utf-8"),
        (HERE / "bulgarian_stemmer.js").read_text(encoding="utf-8"),
        "var Stemmer = function () {\n"
        "  BookStemmer.call(this, stopwords, "
        + json.dumps(bulgarian_stemmer.CYRILLIC_SPELLINGS, ensure_ascii=False)
        + ");\n};\n",
    ]
    return "\n".join(parts)


class SearchBulgarian(SearchLanguage):
    lang = "bg"
    language_name = "Bulgarian"
    stopwords = bulgarian_stemmer.STOPWORDS
    js_stemmer_code = javascript()

    def stem(self, word: str) -> str:
        return bulgarian_stemmer.stem(word)


def _rules_version() -> int:
    """A number that changes with the stemmer's rules or stop words: Sphinx then reads every
    page again, so that an incremental build does not keep words stemmed by the old rules."""
    digest = hashlib.sha256()
    for name in ("bulgarian_stemmer.py", "bulgarian_stemmer.js", "bulgarian_stopwords.txt"):
        digest.update((HERE / name).read_bytes())
    return int(digest.hexdigest()[:8], 16)


def setup(app):
    app.add_search_language(SearchBulgarian)
    return {
        "env_version": _rules_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
