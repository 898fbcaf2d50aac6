"""Read the book's MyST sources: pages, headings, labels, code cells, figures.

Shared by the parity tests (tests/test_book_sources.py) and the built-site
tests (tests/book/). Knows the MyST syntax the book uses and nothing else.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from functools import cache, cached_property
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

#: Directives whose body is code or math, not MyST: nothing inside them is parsed.
LITERAL = ("", "{code-cell}", "{code-block}", "{code}", "{math}", "{literalinclude}")


@cache
def _parser():
    """myst-parser's own tokenizer (markdown-it-py) with the book's extensions (conf.py)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = {"dollarmath", "amsmath", "colon_fence", "deflist", "substitution"}
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


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
    def tokens(self) -> list[Token]:
        """Every token of the page, directive bodies included (parsed as MyST, with their
        line numbers in the page), in order of appearance."""
        found: list[Token] = []
        _tokenize(self.text, 0, found)
        return found

    @cached_property
    def blocks(self) -> list[Block]:
        """Top-level and nested directives and fenced code blocks, in order of appearance."""
        return [t.block for t in self.tokens if t.block is not None]

    @cached_property
    def headings(self) -> list[int]:
        """The heading levels, in order."""
        return [t.level for t in self.tokens if t.kind == "heading"]

    @cached_property
    def heading_texts(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind == "heading"]

    @cached_property
    def labels(self) -> list[str]:
        """MyST targets ``(label)=``, then figure names and equation labels."""
        targets = [t.text for t in self.tokens if t.kind == "target"]
        names, eqs = [], []
        for block in self.blocks:
            for option in block.options:
                if m := re.match(r"^\s*:?\s*name:\s*(\S+)\s*$", option):
                    names.append(m.group(1))
                if m := re.match(r"^\s*:label:\s*(\S+)\s*$", option):
                    eqs.append(m.group(1))
        return targets + names + eqs

    @cached_property
    def prose(self) -> list[tuple[int, str]]:
        """``(line, text)`` of every line of MyST text: not front matter, not code, not math,
        not directive options."""
        return [(t.line, t.text) for t in self.tokens if t.kind == "text"]

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


@dataclass
class Token:
    """What the parity checks need of a markdown-it token: its kind, line and text."""

    kind: str  # "heading", "target", "text", "block"
    line: int  # 1-based line in the page
    text: str = ""
    level: int = 0
    block: Block | None = None


def _tokenize(text: str, offset: int, found: list[Token]) -> None:
    """Parse ``text`` (which starts at line ``offset + 1`` of its page) into ``found``,
    descending into the bodies of directives that hold MyST (admonitions, dropdowns, tabs)."""
    tokens = _parser().parse(text)
    for k, tok in enumerate(tokens):
        line = offset + (tok.map[0] + 1 if tok.map else 0)
        if tok.type == "heading_open":
            found.append(Token("heading", line, tokens[k + 1].content, int(tok.tag[1:])))
        elif tok.type == "myst_target":
            found.append(Token("target", line, tok.content))
        elif tok.type == "inline" and tok.map:
            for j, part in enumerate(tok.content.splitlines()):
                found.append(Token("text", line + j, part))
        elif tok.type in ("fence", "colon_fence"):
            m = re.match(r"^(\{[\w:-]+\})?\s*(.*)$", tok.info.strip())
            directive, argument = m.group(1) or "", m.group(2).strip()
            inner = tok.content.splitlines()
            options, body = _split_options(inner)
            block = Block(directive, argument, options, body, line)
            found.append(Token("block", line, block=block))
            if directive not in LITERAL:
                skipped = len(inner) - len(body)  # option lines and their --- fences
                _tokenize("\n".join(body), line + skipped, found)


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
