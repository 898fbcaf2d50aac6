"""The execution cache follows the library (book/_ext/execution_cache.py).

A tiny book whose one figure draws a line in the colour `dlopt.plotting` gives Adam is
built; the colour is changed in the book's copy of the library and the book is built
again, without deleting anything: the new figure must carry the new colour. Editing only
prose must execute nothing; going back to the first library must reuse its cache.
"""

from __future__ import annotations

import pickle
import re
import time

import tinybook

PAGE = tinybook.HEADER + """
# Цвят

Текст преди фигурата.

```{code-cell} ipython3
import matplotlib.pyplot as plt
from dlopt import plotting

plotting.setup()
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1], color=plotting.color("Adam"))
```
"""

OLD, NEW = "#2ca02c", "#123456"


def _figure_colors(tmp):
    """The colours of the figure that the built page shows."""
    site = tmp / "_build" / "html" / "bg"
    images = re.findall(r'<img[^>]* src="([^"]+\.svg)"', (site / "colour.html").read_text("utf-8"))
    assert len(images) == 1, images
    return set(re.findall(r"#[0-9a-f]{6}", (site / images[0]).read_text(encoding="utf-8")))


def _build(tmp):
    """Build the tiny book; "executed" if the page ran in this build, "cache" if its outputs
    came from the cache (myst-nb records when the outputs were made: a cached record is
    older than the build)."""
    started = time.time()
    done = tinybook.build(tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    with open(tmp / "_build" / "html" / "bg" / ".doctrees" / "environment.pickle", "rb") as f:
        env = pickle.load(f)
    made = env.nb_metadata["colour"]["exec_data"]["mtime"]
    return "executed" if made >= started else "cache"


def test_a_change_to_the_library_reruns_the_pages_and_prose_does_not(tmp_path):
    tinybook.make(tmp_path, {"colour": PAGE})
    assert _build(tmp_path) == "executed"
    assert OLD in _figure_colors(tmp_path)

    plotting = tmp_path / "src" / "dlopt" / "plotting.py"
    source = plotting.read_text(encoding="utf-8")
    assert f'"Adam": "{OLD}"' in source
    plotting.write_text(source.replace(f'"Adam": "{OLD}"', f'"Adam": "{NEW}"'), encoding="utf-8")
    assert _build(tmp_path) == "executed"  # nothing deleted by hand
    colors = _figure_colors(tmp_path)
    assert NEW in colors and OLD not in colors, colors

    page = tmp_path / "book" / "bg" / "colour.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Текст преди", "Друг текст преди"),
                    encoding="utf-8")
    assert _build(tmp_path) == "cache"  # a prose edit runs nothing
    caches = sorted(p.name for p in (tmp_path / "_build" / ".jupyter_cache").iterdir())
    assert len(caches) == 2 and all(name.startswith("bg-") for name in caches), caches

    plotting.write_text(source, encoding="utf-8")  # back to the first library: its cache
    assert _build(tmp_path) == "cache"
    assert OLD in _figure_colors(tmp_path)
