"""A failing code cell fails the build, naming the page, the line and the traceback.

A two-page book (the real conf.py and book/_ext, a page whose third cell raises) is
built in a temporary folder: a few seconds, mostly the kernel's start.
"""

from __future__ import annotations

import tinybook

BROKEN = tinybook.HEADER + """
# Страница с грешка

```{code-cell} ipython3
def slope(x):
    return 1 / x
```

Текст между клетките.

```{code-cell} ipython3
print(slope(2))
```

```{code-cell} ipython3
---
tags: [hide-input]
---
values = [slope(x) for x in (2, 1, 0)]
```
"""


def test_a_failing_cell_is_reported_with_its_file_line_and_traceback(tmp_path):
    tinybook.make(tmp_path, {"broken": BROKEN})
    done = tinybook.build(tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    # the third cell's fence is on line 21, its code on line 25 (after the options block)
    # the message comes as a logged error, or (from a parallel reader) as the build's error
    assert "book/bg/broken.md:21: " in output, output
    assert "code cell 3 failed: ZeroDivisionError: division by zero" in output
    assert "book/bg/broken.md:25" in output  # the failing line of the cell ...
    assert "book/bg/broken.md:12, in slope" in output  # ... and of the function it called
    assert "ZeroDivisionError: division by zero" in output
    assert "\x1b[" not in output.split("code cell 3 failed")[1]  # plain text, no colour codes
