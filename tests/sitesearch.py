"""The search page of a built site, run outside the browser.

- The query's words are stemmed by the site's own ``_static/language_data.js`` (the stop
  words and the ``Stemmer`` that ``searchtools.js`` uses), run with Node.js.
- The pages a query finds are computed in Python from the site's ``searchindex.js`` as
  Sphinx 9's ``searchtools.js`` computes them: pages whose title or index entry contains the
  query, and pages that hold every stemmed word (exactly, or as part of an indexed word).
- :func:`searchtools_pages` runs the site's real ``searchtools.js`` with Node.js on the same
  index, to check that the Python computation finds what the page finds.

Shared by tests/test_bulgarian_stemmer.py, tests/book/test_search_bg.py and
benchmarks/search_bg.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cached_property
from pathlib import Path

NODE_MISSING = (
    "node (Node.js) is needed to run the search page's JavaScript: "
    "apt-get install nodejs (or `make node`)"
)

# Evaluates a language_data.js as the browser does (``window`` is the global object), then
# stems the words it reads on stdin as searchtools.js does: lower case, then stemWord.
_NODE_STEM = r"""
const vm = require("vm");
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const { code, words } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const context = vm.createContext({});
  vm.runInContext("var window = globalThis;", context);
  vm.runInContext(code, context);
  const stemmer = vm.runInContext("new Stemmer()", context);
  const stems = words.map((word) => stemmer.stemWord(word.toLowerCase()));
  const stopwords = [...vm.runInContext("stopwords", context)];
  process.stdout.write(JSON.stringify({ stems, stopwords }));
});
"""

# Runs the site's searchtools.js (with stand-ins for the page: no document, no highlighting)
# on its language_data.js and index, and prints the page names each query finds.
_NODE_SEARCH = r"""
const vm = require("vm");
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const { languageData, searchtools, index, queries } = JSON.parse(
    Buffer.concat(chunks).toString("utf8"));
  const context = vm.createContext({});
  vm.runInContext(
    "var window = globalThis; var _ready = () => {}; var SPHINX_HIGHLIGHT_ENABLED = false;" +
    "var document = { getElementById: () => null };", context);
  vm.runInContext(languageData, context);
  vm.runInContext(searchtools + "\nglobalThis.Search = Search;", context);
  context.Search.setIndex(index);
  const found = queries.map((query) => {
    const [q, terms, excluded, highlight, objects] = context.Search._parseQuery(query);
    const results = context.Search._performSearch(q, terms, excluded, highlight, objects);
    return [...new Set(results.map((result) => result[0]))].sort();
  });
  process.stdout.write(JSON.stringify(found));
});
"""

_SPLIT = re.compile(r"\W+")  # searchtools.js: split on what is not a letter, digit or "_"


def node() -> str:
    """The path of ``node``; a RuntimeError naming the package if there is none."""
    path = shutil.which("node")
    if path is None:
        raise RuntimeError(NODE_MISSING)
    return path


def run_stemmer(code: str, words: list[str]) -> tuple[list[str], frozenset[str]]:
    """Stem ``words`` with the JavaScript ``code`` of a language_data.js; also its stop words."""
    done = subprocess.run(
        [node(), "-e", _NODE_STEM],
        input=json.dumps({"code": code, "words": words}),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node failed to run the stemmer:\n{done.stderr}")
    out = json.loads(done.stdout)
    return out["stems"], frozenset(out["stopwords"])


def searchtools_pages(site: Path, queries: list[str]) -> list[set[str]]:
    """The page names that the site's own searchtools.js finds for each query (run by node)."""
    payload = {
        "languageData": (site / "_static" / "language_data.js").read_text(encoding="utf-8"),
        "searchtools": (site / "_static" / "searchtools.js").read_text(encoding="utf-8"),
        "index": load_index(site / "searchindex.js"),
        "queries": queries,
    }
    done = subprocess.run(
        [node(), "-e", _NODE_SEARCH], input=json.dumps(payload),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node failed to run searchtools.js:\n{done.stderr}")
    return [set(names) for names in json.loads(done.stdout)]


def load_index(path: Path) -> dict:
    """The JSON inside a ``searchindex.js`` (``Search.setIndex({...})``)."""
    text = path.read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    if not (text.startswith(prefix) and text.endswith(suffix)):
        raise ValueError(f"{path} is not a Sphinx search index (Search.setIndex(...))")
    return json.loads(text[len(prefix) : -len(suffix)])


class SearchPage:
    """The search page of one built site (``_build/html/<lang>``)."""

    def __init__(self, site: Path):
        self.site = site
        self.index = load_index(site / "searchindex.js")
        self.language_data = (site / "_static" / "language_data.js").read_text(encoding="utf-8")
        if self.index["objects"]:
            raise ValueError(f"{site}: the index has objects, which SearchPage does not search")
        self._stems: dict[str, str] = {}

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return run_stemmer(self.language_data, [])[1]

    def stems(self, words: list[str]) -> list[str]:
        """The stems the page gives to ``words`` (one run of node for all the new ones)."""
        new = sorted({w for w in words if w not in self._stems})
        if new:
            self._stems.update(zip(new, run_stemmer(self.language_data, new)[0], strict=True))
        return [self._stems[w] for w in words]

    def terms(self, query: str) -> list[str]:
        """The stemmed words of a query, without stop words and numbers."""
        words = [w for w in _SPLIT.split(query.strip()) if w]
        kept = [w for w in words if w.lower() not in self.stopwords and not w.isdigit()]
        return self.stems(kept)

    def pages(self, query: str) -> set[str]:
        """The names of the pages that the search page lists for ``query``."""
        index, query_lower = self.index, query.lower().strip()
        found: set[int] = set()
        for title, places in index["alltitles"].items():
            if query_lower in title.lower().strip() and len(query_lower) >= len(title) / 2:
                found.update(doc for doc, _anchor in places)
        for entry, places in index["indexentries"].items():
            if query_lower in entry and len(query_lower) >= len(entry) / 2:
                found.update(doc for doc, _anchor, _main in places)
        found |= self._pages_with_every_term(self.terms(query))
        return {index["docnames"][doc] for doc in found}

    def _pages_with_every_term(self, terms: list[str]) -> set[int]:
        """searchtools.js ``performTermsSearch``: a page must hold every term (a term of fewer
        than three letters may be missing); a term matches an indexed word equal to it or,
        when there is none and it has three letters or more, every indexed word holding it."""
        docs_of_term: dict[str, set[int]] = {}
        for term in dict.fromkeys(terms):
            docs: set[int] = set()
            for mapping in (self.index["terms"], self.index["titleterms"]):
                if term in mapping:
                    docs |= _docs(mapping[term])
                elif len(term) > 2:
                    for word, where in mapping.items():
                        if term in word:
                            docs |= _docs(where)
            docs_of_term[term] = docs
        required = len(set(terms))
        long_terms = len({t for t in terms if len(t) > 2})
        counts: dict[int, int] = {}
        for docs in docs_of_term.values():
            for doc in docs:
                counts[doc] = counts.get(doc, 0) + 1
        return {doc for doc, n in counts.items() if n in (required, long_terms)}


def _docs(where: int | list[int]) -> set[int]:
    return {where} if isinstance(where, int) else set(where)
