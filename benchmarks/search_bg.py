"""What the Bulgarian site's search finds: pages per query, before and after the Bulgarian stemmer.

Run after ``make html`` with ``make benchmark-search`` (or ``.venv/bin/python
benchmarks/search_bg.py``).

It prints, for each query, the stemmed words and the number of pages the search page lists on
the built site (``_build/html/bg``), next to the numbers measured on the site built with the
English stemmer (``search_bg_before.json``, from main at the commit it names), and how many of
the book's words the site's JavaScript stems as the Python stemmer that wrote the index.
``--measure-before SITE --commit C`` measures a site built without the Bulgarian stemmer and
writes ``search_bg_before.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "book" / "_ext")]
from sitesearch import SearchPage  # noqa: E402  (tests/)

BEFORE = Path(__file__).with_name("search_bg_before.json")
QUERIES = [
    "градиент", "градиента", "градиентния", "градиентът",
    "скорост", "скоростта", "моментум", "моментумът",
    "оптимизатор", "оптимизаторите", "загуба", "загубата",
    "батч", "батчове", "минимум", "минимумите",
    "функция", "функцията", "епоха", "епохата",
    "Адам", "Adam", "SGD", "optimizer", "скорост на учене",
]


def pages_per_query(page: SearchPage) -> dict[str, int]:
    return {q: len(page.pages(q)) for q in QUERIES}


def agreement(page: SearchPage) -> tuple[int, int]:
    """How many distinct words of book/bg the site's JavaScript stems as bulgarian_stemmer."""
    import bulgarian_stemmer

    words = sorted({w for p in (ROOT / "book" / "bg").rglob("*.md")
                    for w in re.findall(r"\w+", p.read_text(encoding="utf-8"))})
    javascript = page.stems(words)
    same = sum(j == bulgarian_stemmer.stem(w).lower()
               for w, j in zip(words, javascript, strict=True))
    return same, len(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html" / "bg")
    parser.add_argument("--measure-before", type=Path, metavar="SITE")
    parser.add_argument("--commit", help="the commit the --measure-before site was built from")
    args = parser.parse_args()

    if args.measure_before:
        if not args.commit:
            parser.error("--measure-before needs --commit (the commit its site was built from)")
        before = {"commit": args.commit, "pages": pages_per_query(SearchPage(args.measure_before))}
        BEFORE.write_text(json.dumps(before, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {BEFORE}")
        return

    page = SearchPage(args.site)
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    print(f"| query | stems | pages before ({before['commit']}) | pages after |")
    print("| --- | --- | ---: | ---: |")
    for query, n in pages_per_query(page).items():
        old = before["pages"].get(query, "–")
        print(f"| {query} | {' '.join(page.terms(query))} | {old} | {n} |")
    print(f"\npages in the site: {len(page.index['docnames'])}")
    same, total = agreement(page)
    print(f"words of book/bg stemmed alike by Python and the site's JavaScript: {same} of {total}")


if __name__ == "__main__":
    main()
