"""What the repository holds: sources only, never build results.

Figures are drawn by the pages' code cells at build time and notebooks are written by
the build (``_build/html/jupyter_execute/``), so no image, PDF or notebook file belongs
in the repository — except the few theme assets listed in ``ALLOWED`` (e.g. a logo in
``book/_static/``). The files checked are those git tracks plus those it would add
(untracked and not ignored), so a stray figure is caught before ``git add``.
"""

from __future__ import annotations

import os
import subprocess

from bookfiles import BOOK, LANGS, ROOT

#: Build results that must not be committed (by suffix).
GENERATED = (".ipynb", ".png", ".svg", ".pdf", ".jpg", ".jpeg", ".gif", ".webp")
#: Folders where images may be committed: theme assets, not figures of the book.
ALLOWED = ("book/_static/",)
#: Build output and caches, whatever their suffix.
BUILD_DIRS = ("_build/", ".jupyter_cache/", "jupyter_execute/", ".ipynb_checkpoints/")
PAGE_TEMPLATES = ("chapter", "example", "pitfall")


def repository_files() -> list[str]:
    """Paths relative to the repository: tracked or addable files (git), else every file."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard"],
            capture_output=True, text=True, check=True).stdout
        return [p for p in out.splitlines() if (ROOT / p).exists()]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: an unpacked archive
        skip = {".git", ".venv", "_build", ".hypothesis", ".pytest_cache", ".ruff_cache",
                "__pycache__"}
        found = []
        for folder, dirs, files in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
            found += [os.path.relpath(os.path.join(folder, f), ROOT) for f in files]
        return [p.replace(os.sep, "/") for p in found]


def test_no_notebooks_figures_or_build_output_are_committed():
    offenders = [p for p in repository_files()
                 if (p.lower().endswith(GENERATED) and not p.startswith(ALLOWED))
                 or any(f"/{d}" in f"/{p}" for d in BUILD_DIRS)]
    assert not offenders, (
        "generated files in the repository (figures are drawn by code cells at build time; "
        "remove them with `git rm --cached`):\n" + "\n".join(offenders))


def test_page_templates_exist_and_are_not_pages():
    """The templates of CONTRIBUTING.md live outside book/bg and book/en: never built."""
    folder = BOOK / "_templates" / "pages"
    for kind in PAGE_TEMPLATES:
        assert (folder / f"{kind}.md").is_file(), f"missing page template {kind}.md"
    for lang in LANGS:
        assert not (BOOK / lang).resolve().is_relative_to(folder.resolve())
        assert not folder.resolve().is_relative_to((BOOK / lang).resolve())
