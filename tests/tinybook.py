"""A tiny book in a temporary folder, built with the real conf.py and book/_ext.

Used by the build tests (tests/book_build/): each writes a page or two, builds them as
`make html` does, and looks at the result. A copy of ``src/dlopt`` comes along, so a
test may change the library and see what the build does with the change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bookfiles import BOOK, ROOT

HEADER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
"""


def make(tmp: Path, pages: dict[str, str], lang: str = "bg") -> Path:
    """Copy the configuration, extensions and library into ``tmp`` and write ``pages``
    (name -> MyST text) with an index that lists them. Returns ``tmp``."""
    for name in ("conf.py", "pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy(ROOT / name, tmp)  # the project files the build reads (dlopt's wheel)
    for part in ("_ext", "_static", "_templates", "locale", "references.bib"):
        copy = shutil.copytree if (BOOK / part).is_dir() else shutil.copy
        copy(BOOK / part, tmp / "book" / part)
    shutil.copytree(ROOT / "src" / "dlopt", tmp / "src" / "dlopt",
                    ignore=shutil.ignore_patterns("__pycache__"))
    folder = tmp / "book" / lang
    folder.mkdir()
    toctree = "\n".join(pages)
    (folder / "index.md").write_text(f"# Книга\n\n```{{toctree}}\n{toctree}\n```\n",
                                     encoding="utf-8")
    for name, text in pages.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp


def build(tmp: Path, lang: str = "bg", builder: str = "html") -> subprocess.CompletedProcess:
    """Build the tiny book as `make html` does; its cells import the copied ``dlopt``."""
    env = {**os.environ, "BOOK_LANG": lang, "PYTHONPATH": str(tmp / "src")}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-c", ".", "-W", "-n", "--keep-going",
         "-q", "-j", "auto", f"book/{lang}", f"_build/{builder}/{lang}"],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=300)
