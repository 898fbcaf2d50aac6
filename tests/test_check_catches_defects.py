"""`make check` passes on a sound book and fails, naming the problem, on each kind of defect.

Each case is a small two-language book in its own temporary git repository, with the
real check modules (tests/bookfiles.py, test_book_sources.py, test_repository.py)
copied next to it; the cases run at the same time, a second or two in all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bookfiles import BOOK, ROOT

CHECKS = ["tests/test_book_sources.py", "tests/test_repository.py", "tests/test_book_language.py"]
# The lesson's sections are pages of the real book only; the small book has none of them.
SELECT = ["-k", "not every_section_of_the_lesson"]

TERMS = [(f"понятие {k}", f"concept {k}") for k in range(1, 21)]


def glossary(lang: str) -> str:
    entries = [(bg, en) if lang == "bg" else (en, bg) for bg, en in TERMS]
    body = "".join(f"{a}\n{b}\n  …\n\n" for a, b in entries) + "Adam\n  …\n"
    title = "Понятия" if lang == "bg" else "Concepts"
    return f"(key-concepts)=\n# {title}\n\n```{{glossary}}\n{body}```\n"


def chapter(lang: str) -> str:
    label = "стъпки" if lang == "bg" else "steps"
    return f"""---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---

(ch-one)=
# 1. {"Глава" if lang == "bg" else "Chapter"}

```{{code-cell}} ipython3
import numpy as np
```

```{{code-cell}} ipython3
steps = 10  # {label}
print("{label}:", np.arange(steps).sum())
```
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def small_book(repo: Path) -> None:
    for rel in [*CHECKS, "tests/bookfiles.py", "pyproject.toml", ".gitignore"]:
        write(repo / rel, (ROOT / rel).read_text(encoding="utf-8"))
    shutil.copytree(BOOK / "_templates" / "pages", repo / "book" / "_templates" / "pages")
    shutil.copy(BOOK / "terminology.toml", repo / "book" / "terminology.toml")
    for lang in ("bg", "en"):
        write(repo / "book" / lang / "index.md", "(home)=\n# Index\n")
        write(repo / "book" / lang / "key-concepts.md", glossary(lang))
        write(repo / "book" / lang / "chapters" / "01-one.md", chapter(lang))


def add_page_in_one_language(repo):
    write(repo / "book" / "bg" / "chapters" / "02-only-bg.md", "(ch-two)=\n# 2. Само тук\n")


def change_code_in_one_language(repo):
    page = repo / "book" / "en" / "chapters" / "01-one.md"
    write(page, page.read_text(encoding="utf-8").replace("steps = 10", "steps = 20"))


def commit_a_figure(repo):
    (repo / "book" / "bg" / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")


def add_glossary_term_without_counterpart(repo):
    page = repo / "book" / "bg" / "key-concepts.md"
    text = page.read_text(encoding="utf-8").replace("```\n", "термин без превод\n  …\n```\n")
    write(page, text)


def add_english_heading_after_math(repo):
    """A heading in one language only, after a {math} block (the old parser hid it)."""
    for lang in ("bg", "en"):
        page = repo / "book" / lang / "chapters" / "01-one.md"
        extra = "\n```{math}\nx = 1\n```\n" + ("\n## Only in English\n" if lang == "en" else "")
        write(page, page.read_text(encoding="utf-8") + extra)


def copy_a_template_unfinished(repo):
    for lang in ("bg", "en"):
        shutil.copy(BOOK / "_templates" / "pages" / "chapter.md",
                    repo / "book" / lang / "chapters" / "02-topic.md")


def use_a_second_term(repo):
    page = repo / "book" / "bg" / "index.md"
    write(page, page.read_text(encoding="utf-8") + "\nAdam прави корекция на отместването.\n")


def write_a_decimal_point_in_bulgarian(repo):
    page = repo / "book" / "bg" / "index.md"
    write(page, page.read_text(encoding="utf-8") + "\nСкорост на учене $\\eta = 0.5$.\n")


def leave_bulgarian_on_an_english_page(repo):
    page = repo / "book" / "en" / "index.md"
    write(page, page.read_text(encoding="utf-8") + "\nТози абзац не е преведен.\n")


def include_british_spelling_on_an_english_page(repo):
    write(repo / "src" / "lib.py", '"""Minimise f."""\n')
    for lang in ("bg", "en"):  # both languages: the parity checks want the same directives
        page = repo / "book" / lang / "chapters" / "01-one.md"
        include = "\n```{literalinclude} ../../../src/lib.py\n:language: python\n```\n"
        write(page, page.read_text(encoding="utf-8") + include)


DEFECTS = {
    "sound book": (None, None),
    "page in one language only": (add_page_in_one_language,
                                  "only in bg: ['chapters/02-only-bg']"),
    "code cell differs beyond strings": (change_code_in_one_language,
                                         "code cell 2 (bg line 15, en line 15) differs"),
    "committed figure": (commit_a_figure, "book/bg/figure.png"),
    "glossary term without counterpart": (add_glossary_term_without_counterpart,
                                          "['термин без превод']: no counterpart"),
    "heading in one language after a math block": (add_english_heading_after_math,
                                                    "test_same_headings"),
    "unfinished template": (copy_a_template_unfinished,
                            "book/en/chapters/02-topic.md: template label (ch-topic)= left in"),
    "second term for a concept": (use_a_second_term,
                                  "book/bg/index.md:4: 'корекция на отместването'"),
    "decimal point in Bulgarian": (write_a_decimal_point_in_bulgarian,
                                   "book/bg/index.md:4: 0.5 — write 0,5"),
    "Bulgarian prose on an English page": (leave_bulgarian_on_an_english_page,
                                           "book/en/index.md:4: Bulgarian text"),
    "British spelling in code an English page shows": (include_british_spelling_on_an_english_page,
                                                       "src/lib.py:1: 'Minimise'"),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    runs = {}
    for name, (seed, _) in DEFECTS.items():
        repo = tmp_path_factory.mktemp("book")
        small_book(repo)
        if seed:
            seed(repo)
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", name]):
            subprocess.run(["git", "-C", str(repo), *cmd], check=True, capture_output=True,
                           env=env)
        runs[name] = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SELECT, *CHECKS],
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = {name: proc.communicate(timeout=120)[0] for name, proc in runs.items()}
    return {name: (proc.returncode, outputs[name]) for name, proc in runs.items()}


@pytest.mark.parametrize("name", DEFECTS)
def test_the_check_names_the_defect(results, name):
    code, output = results[name]
    expected = DEFECTS[name][1]
    if expected is None:
        assert code == 0, output
    else:
        assert code != 0, f"the check passed despite: {name}\n{output}"
        assert expected in output, output
