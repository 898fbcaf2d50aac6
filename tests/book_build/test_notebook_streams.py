"""The downloadable notebook holds each printout once, and the page shows it as one block.

conf.py merges a cell's printouts (``nb_merge_streams``) so that the page shows one block;
myst-nb 1.4 did that in the executed notebook itself, so the ``.ipynb`` offered for download
printed the later lines twice (book/_ext/notebook_bundle.py now merges copies).
"""

from __future__ import annotations

import json

import tinybook

PAGE = tinybook.HEADER + """
# Бележник

```{code-cell} ipython3
from IPython.display import display

print("първи ред")
display("между тях")  # the kernel sends the two printouts as two stream outputs
print("втори ред")
```
"""


def _text(output) -> str:
    text = output["text"]
    return "".join(text) if isinstance(text, list) else text


def test_the_notebook_keeps_each_printout_once_and_the_page_merges_them(tmp_path):
    tinybook.make(tmp_path, {"streams": PAGE})
    done = tinybook.build(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    site = tmp_path / "_build" / "html" / "bg"
    notebook = json.loads((site / "_sources" / "streams.ipynb").read_text(encoding="utf-8"))
    [cell] = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    streams = [o for o in cell["outputs"] if o["output_type"] == "stream"]
    assert len(streams) == 2, cell["outputs"]  # otherwise the page would not test the merging
    assert "".join(_text(o) for o in streams) == "първи ред\nвтори ред\n", streams
    html = (site / "streams.html").read_text(encoding="utf-8")
    assert "първи ред\nвтори ред" in html, "the page shows the printouts as one block"
