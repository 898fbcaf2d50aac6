"""Read the book's MyST sources: pages, headings, labels, code cells, figures.

Shared by the parity tests (tests/test_book_sources.py) and the built-site
tests (tests/book/). Knows the MyST syntax the book uses and nothing else.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
LANGS = ("bg", "en")

#: The lesson's sections (shared/seed) and the label of the page that holds each.
SEED_SECTIONS = {
    "home": "index",
    "prior-knowledge": "prior-knowledge",
    "overview": "overview",
    "key-concepts": "key-concepts",
    "ch-loss-functions": "chapters/01-loss-functions",
    "ch-gradient-descent": "chapters/02-gradient-descent",
    "ch-sgd": "chapters/03-sgd-and-batches",
    "ch-advanced-optimizers": "chapters/04-advanced-optimizers",
    "ch-hyperparameters": "chapters/05-hyperparameter-tuning",
    "ex-gd-quadratic": "examples/01-gradient-descent-quadratic",
    "ex-adam-pytorch": "examples/02-adam-in-pytorch",
    "ex-lr-comparison": "examples/03-learning-rate-comparison",
    "pitfalls": "pitfalls",
    "quiz": "quiz",
    "recap": "recap",
    "review-plan": "review-plan",
    "bibliography": "bibliography",
}

FENCE = re.compile(r"^(`{3,}|:{3,})\s*(\{[\w:-]+\})?\s*(.*)$")


def pages(lang: str) -> dict[str, Path]:
    """All pages of one language, keyed by their name without the .md suffix."""
    root = BOOK / lang
    return {p.relative_to(root).with_suffix("").as_posix(): p for p in sorted(root.rglob("*.md"))}


@dataclass
class Block:
    """A fenced block: its fence directive (e.g. ``{code-cell}``), options and body lines."""

    directive: str
    argument: str
    options: list[str]
    body: list[str]
    line: int


@dataclass
class Page:
    path: Path

    @cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def blocks(self) -> list[Block]:
        """Top-level and nested fenced blocks, in order of appearance."""
        found: list[Block] = []
        self._scan(0, len(self.lines), found)
        return found

    def _scan(self, start: int, end: int, found: list[Block]) -> None:
        i = start
        while i < end:
            m = FENCE.match(self.lines[i].strip())
            if not m:
                i += 1
                continue
            fence, directive, argument = m.group(1), m.group(2) or "", m.group(3)
            j = i + 1
            while j < end and self.lines[j].strip() != fence:
                j += 1
            inner = self.lines[i + 1 : j]
            options, body = _split_options(inner)
            found.append(Block(directive, argument.strip(), options, body, i + 1))
            if directive not in ("", "{code-cell}", "{code-block}", "{code}", "{math}"):
                self._scan(i + 1, j, found)  # directives nest: dropdowns, admonitions, tabs
            i = j + 1

    @cached_property
    def outside_code(self) -> list[str]:
        """The lines that are not inside a code cell or a literal code block."""
        hidden: set[int] = set()
        i = 0
        while i < len(self.lines):
            m = FENCE.match(self.lines[i].strip())
            code = m and m.group(1).startswith("`") and m.group(2) in (None, "", "{code-cell}")
            if code:
                j = i + 1
                while j < len(self.lines) and self.lines[j].strip() != m.group(1):
                    j += 1
                hidden.update(range(i, j + 1))
                i = j + 1
            else:
                i += 1
        return [line for k, line in enumerate(self.lines) if k not in hidden]

    @cached_property
    def headings(self) -> list[int]:
        """The heading levels, in order."""
        return [len(m.group(1)) for line in self.outside_code
                if (m := re.match(r"^(#{1,6})\s", line))]

    @cached_property
    def labels(self) -> list[str]:
        """MyST targets ``(label)=``, figure names and equation labels."""
        targets = [m.group(1) for line in self.outside_code
                   if (m := re.match(r"^\((.+)\)=\s*$", line))]
        names = [m.group(1) for line in self.lines
                 if (m := re.match(r"^\s*:?\s*name:\s*(\S+)\s*$", line))]
        eqs = [m.group(1) for line in self.lines
               if (m := re.match(r"^\s*:label:\s*(\S+)\s*$", line))]
        return targets + names + eqs

    @cached_property
    def code_cells(self) -> list[Block]:
        return [b for b in self.blocks if b.directive == "{code-cell}"]

    @cached_property
    def figures(self) -> list[str]:
        """Names of the figures drawn by code cells (``mystnb: figure: name:``)."""
        names = []
        for cell in self.code_cells:
            opts = "\n".join(cell.options)
            if re.search(r"^\s*figure:", opts, re.M):
                m = re.search(r"^\s*name:\s*(\S+)", opts, re.M)
                names.append(m.group(1) if m else "")
        return names

    @cached_property
    def glossary_terms(self) -> list[str]:
        terms = []
        for block in self.blocks:
            if block.directive == "{glossary}":
                for line in block.body:
                    if line.strip() and not line.startswith((" ", "\t")):
                        terms.append(line.strip())
        return terms

    @cached_property
    def glossary_entries(self) -> list[list[str]]:
        """Each glossary entry as the names it defines, e.g. ``["батч", "batch"]``."""
        entries: list[list[str]] = []
        for block in self.blocks:
            if block.directive == "{glossary}":
                names: list[str] = []
                for line in block.body:
                    if line.strip() and not line.startswith((" ", "\t")):
                        names.append(line.strip())
                    elif names:
                        entries.append(names)
                        names = []
                if names:
                    entries.append(names)
        return entries

    def has_kernel(self) -> bool:
        return "kernelspec:" in self.text.split("\n---", 1)[0]


def _split_options(inner: list[str]) -> tuple[list[str], list[str]]:
    """Split a directive's ``---`` YAML block or ``:key:`` lines from its body."""
    if inner and inner[0].strip() == "---":
        end = next((k for k in range(1, len(inner)) if inner[k].strip() == "---"), 0)
        return inner[1:end], inner[end + 1 :]
    k = 0
    while k < len(inner) and re.match(r":(?!::)", inner[k].lstrip()):
        k += 1
    return inner[:k], inner[k:]


def code_skeleton(source: str) -> list[tuple[int, str]]:
    """The tokens of Python code with string literals blanked and comments removed.

    Two code cells with the same skeleton differ only in strings and comments,
    which is how the two languages of a page are allowed to differ.
    """
    kept = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                        tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        kept.append((tok.type, "'…'" if tok.type == tokenize.STRING else tok.string))
    return kept
