"""How long the book takes to build: clean, unchanged, after a prose, a code and a library edit.

Run with ``make benchmark-build`` (or ``.venv/bin/python benchmarks/bench_build.py``).
It copies the repository's tracked and untracked-but-not-ignored files to a temporary
folder, so your working tree and your execution cache are left alone, and prints one
row per scenario: wall time and how many pages myst-nb executed (a cache hit executes
nothing). Targets (issue 3): clean < 300 s, no change < 20 s, prose edit < 30 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPHINX = Path(sys.executable).with_name("sphinx-build")
LANGS = ("bg", "en")
PAGE = "chapters/02-gradient-descent.md"


def copy_repository(dest: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    for name in files:
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def build(repo: Path) -> tuple[float, int]:
    """Build both languages as `make html` does; return seconds and pages executed."""
    executed = 0
    start = time.perf_counter()
    for lang in LANGS:
        result = subprocess.run(
            [str(SPHINX), "-b", "html", "-c", ".", "-W", "-n", "--keep-going", "-j", "auto",
             "-d", f"_build/doctrees/{lang}", f"book/{lang}", f"_build/html/{lang}"],
            cwd=repo, capture_output=True, text=True,
            # the cells import the copy's dlopt, so a change to the copy's library counts
            env={**os.environ, "BOOK_LANG": lang, "PYTHONPATH": str(repo / "src")},
        )
        if result.returncode:
            sys.exit(f"the {lang} build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        executed += len(re.findall(r"Executing notebook", result.stdout + result.stderr))
    return time.perf_counter() - start, executed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"{path}: cannot find {old!r} to edit")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        copy_repository(repo)
        rows.append(("clean build (every cell executed)", *build(repo), 300))
        rows.append(("rebuild, no change", *build(repo), 20))
        for lang in LANGS:  # a word added to the first paragraph after the title
            page = repo / "book" / lang / PAGE
            body = page.read_text(encoding="utf-8").split("\n# ", 1)[1]
            first_para = next(p for p in body.split("\n\n")[1:] if p.strip()[:1].isalpha())
            edit(page, first_para, first_para + " (edit)")
        rows.append(("rebuild after a prose edit", *build(repo), 30))
        for lang in LANGS:
            edit(repo / "book" / lang / PAGE, "plotting.setup(", "1 + 1\nplotting.setup(")
        rows.append(("rebuild after a code edit (one page)", *build(repo), None))
        library = repo / "src" / "dlopt" / "schedules.py"
        library.write_text(library.read_text(encoding="utf-8") + "# edit\n", encoding="utf-8")
        rows.append(("rebuild after a one-line edit of src/dlopt", *build(repo), None))

    print(f"{'scenario':40} {'seconds':>8} {'pages executed':>15} {'target':>8}")
    for name, seconds, executed, target in rows:
        print(f"{name:40} {seconds:8.1f} {executed:15d} {f'< {target} s' if target else '':>8}")


if __name__ == "__main__":
    main()
