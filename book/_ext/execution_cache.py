"""The execution cache follows the library: one cache per version of ``src/dlopt``.

jupyter-cache keys a page's results by its code cells only, so a change to the library
that draws the figures would leave every cached figure and number as it was. The cache
folder is therefore named after a hash of the library's source files::

    _build/.jupyter_cache/<lang>-<hash of src/dlopt/**/*.py>[-<hash of the CPU settings>]

A change to any file of ``src/dlopt`` gives a new, empty cache, and every page runs again
on the next ``make html``, ``make serve`` or ``make pdf``; a change to prose changes no
hash and runs nothing; going back to an earlier version of the library finds that
version's cache again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import same_numbers


def library_hash(library: Path) -> str:
    """A short hash of every ``.py`` file below ``library``: their paths and contents.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     lib = Path(d)
    ...     _ = (lib / "a.py").write_text("x = 1")
    ...     before = library_hash(lib)
    ...     _ = (lib / "a.py").write_text("x = 2")
    ...     changed = library_hash(lib)
    ...     _ = (lib / "a.py").write_text("x = 1")
    ...     (before != changed, before == library_hash(lib), len(before))
    (True, True, 12)
    """
    files = sorted(p for p in library.rglob("*.py") if "__pycache__" not in p.parts)
    if not files:
        raise FileNotFoundError(f"no Python files in the library folder {library}")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(library).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def cache_path(root: Path, lang: str) -> Path:
    """The execution cache of one language for the library as it is now in ``root/src``
    and the kernels' numeric settings (``same_numbers``): results computed with other CPU
    kernels are not reused."""
    pins = same_numbers.settings()
    name = library_hash(root / "src" / "dlopt")
    if pins:
        name += "-" + hashlib.sha256(repr(sorted(pins.items())).encode()).hexdigest()[:6]
    return root / "_build" / ".jupyter_cache" / f"{lang}-{name}"


def _create_cache(app) -> None:
    """Create the cache's database before parallel readers start: two processes creating
    it at once fail ("table settings already exists")."""
    from jupyter_cache import get_cache

    get_cache(app.config.nb_execution_cache_path).list_cache_records()


def setup(app):
    app.connect("builder-inited", _create_cache)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
