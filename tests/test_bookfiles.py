"""The parser of the parity checks (tests/bookfiles.py) sees every part of a page.

Each case is a small page with a heading (and a label, a code cell) after a construct
that a hand-written fence tracker gets wrong; the parser must see all of them.
"""

from __future__ import annotations

import pytest
from bookfiles import Page

AFTER_MATH = """\
# Title

```{math}
:label: eq-one
x = 1
```

## After the math
"""

AFTER_CODE_CELL = """\
---
file_format: mystnb
---
# Title

```{code-cell} ipython3
---
tags: [hide-input]
---
x = 1  # ``` not a fence
```

(sec-after)=
## After the cell
"""

AFTER_NESTED = """\
# Title

::::{admonition} Exercise 1.1
:class: tip

:::{dropdown} Hint
Text with `code`.

```{math}
y = 2
```
:::

Still inside.
::::

## After the nested directive

```{code-cell} ipython3
print(1)
```
"""


@pytest.mark.parametrize("text, headings, heading", [
    (AFTER_MATH, [1, 2], "After the math"),
    (AFTER_CODE_CELL, [1, 2], "After the cell"),
    (AFTER_NESTED, [1, 2], "After the nested directive"),
])
def test_a_heading_after_a_block_is_seen(tmp_path, text, headings, heading):
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    page = Page(path)
    assert page.headings == headings
    assert page.heading_texts[-1] == heading


def test_labels_directives_and_cells_inside_and_after_blocks(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(AFTER_MATH + AFTER_CODE_CELL.split("---\n", 2)[2] + AFTER_NESTED,
                    encoding="utf-8")
    page = Page(path)
    assert page.labels == ["sec-after", "eq-one"]
    assert [b.directive for b in page.blocks] == [
        "{math}", "{code-cell}", "{admonition}", "{dropdown}", "{math}", "{code-cell}"]
    assert [c.body for c in page.code_cells] == [["x = 1  # ``` not a fence"], ["print(1)"]]
    nested = page.blocks[3]
    assert nested.argument == "Hint" and nested.line == 25
    assert (26, "Text with `code`.") in page.prose  # nested text keeps its page line


def test_the_real_pages_headings_are_all_seen():
    """Every line that starts with '#' outside code and math is a heading the parser saw."""
    from bookfiles import BOOK, LANGS, pages

    for lang in LANGS:
        for path in pages(lang).values():
            page = Page(path)
            literal = set()
            for block in page.blocks:
                if block.directive in ("", "{code-cell}", "{code-block}", "{math}"):
                    # the fence, a front matter between '---' lines (options) and the body
                    span = len(block.options) + len(block.body) + 8
                    literal.update(range(block.line, block.line + span))
            lines = page.lines
            seen = {t.line for t in page.tokens if t.kind == "heading"}
            for k, line in enumerate(lines, 1):
                if line.startswith("# ") or line.startswith("## ") or line.startswith("### "):
                    if k not in literal:
                        assert k in seen, f"{path.relative_to(BOOK)}:{k} heading not seen"
