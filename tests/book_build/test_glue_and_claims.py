"""A glued number and an asserted claim keep the text true (both shown on a tiny book).

The prose quotes a computed number with {glue}`name`, glued by the cell that computed
it, and a hidden cell asserts the claim the prose makes about a result. Remove the gluing
cell and the build fails; change the computation so that the claim is false and the build
fails, naming the page and the line of the assertion.
"""

from __future__ import annotations

import tinybook

GLUE_CELL = """\
```{code-cell} ipython3
from dlopt import SGD, trajectory
from dlopt.functions import Quadratic
from dlopt.report import Numbers

nums = Numbers(decimal=",")
f = Quadratic(condition=10.0)
runs = {lr: trajectory(SGD(lr=lr), f, f.start, steps=50) for lr in (0.01, 0.15)}
nums.glue("final_loss", runs[0.15].final_loss, ".2e")
```
"""

CLAIM_CELL = """\
```{code-cell} ipython3
:tags: [remove-cell]
assert runs[0.15].final_loss < runs[0.01].final_loss, "the text says the larger rate wins"
```
"""

PROSE = "\nСлед 50 стъпки загубата е {glue}`final_loss`; по-голямата скорост печели.\n"


def page(*cells: str) -> str:
    return tinybook.HEADER + "\n# Твърдения\n\n" + "\n".join(cells) + PROSE


def test_the_sound_page_builds_and_shows_the_glued_number(tmp_path):
    tinybook.make(tmp_path, {"claims": page(GLUE_CELL, CLAIM_CELL)})
    done = tinybook.build(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "_build" / "html" / "bg" / "claims.html").read_text(encoding="utf-8")
    text = html.split("След 50 стъпки загубата е", 1)[1][:200]
    assert "e−" in text and "," in text.split("e−")[0], text  # "1,23e−05": a decimal comma
    assert "the text says" not in html  # the check is hidden from the reader


def test_removing_the_cell_that_glues_a_number_fails_the_build(tmp_path):
    setup = GLUE_CELL.replace('nums.glue("final_loss", runs[0.15].final_loss, ".2e")\n', "")
    tinybook.make(tmp_path, {"claims": page(setup, CLAIM_CELL)})
    done = tinybook.build(tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "claims.md" in output and "final_loss" in output, output


def test_a_claim_that_becomes_false_fails_the_build_naming_page_and_line(tmp_path):
    false = GLUE_CELL.replace("(0.01, 0.15)", "(0.01, 0.25)").replace("runs[0.15]", "runs[0.25]")
    claim = CLAIM_CELL.replace("runs[0.15]", "runs[0.25]")  # 0.25 > 2/L = 0.2: it diverges
    tinybook.make(tmp_path, {"claims": page(false, claim)})
    done = tinybook.build(tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "book/bg/claims.md:" in output and "code cell 2 failed: AssertionError" in output
    assert "the text says the larger rate wins" in output
