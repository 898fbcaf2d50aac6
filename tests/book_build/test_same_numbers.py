"""The pages run with the same CPU kernels on every x86-64 machine (book/_ext/same_numbers.py).

A tiny page prints, from inside the kernel that executes it, the settings it inherited and
whether NumPy still dispatches to AVX-512 code; the rendered page must show the pinned
settings on an x86-64 machine with AVX2, and none elsewhere.
"""

from __future__ import annotations

import sys

import tinybook

sys.path.insert(0, str(tinybook.ROOT / "book" / "_ext"))
import same_numbers  # noqa: E402

PAGE = tinybook.HEADER + """
# Ядра

```{code-cell} ipython3
import os
from numpy._core._multiarray_umath import __cpu_features__
for name in sorted(same_numbers_names):
    print(f"{name}={os.environ.get(name, '-')}")
print(f"X86_V4={__cpu_features__.get('X86_V4', False)}")
```
""".replace("same_numbers_names", repr(sorted(same_numbers.X86_AVX2)))


def test_the_kernel_inherits_the_pinned_cpu_settings(tmp_path):
    tinybook.make(tmp_path, {"kernels": PAGE})
    done = tinybook.build(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "_build" / "html" / "bg" / "kernels.html").read_text(encoding="utf-8")
    pins = same_numbers.settings()
    for name in same_numbers.X86_AVX2:
        assert f"{name}={pins.get(name, '-')}" in html, name
    if pins:  # x86-64 with AVX2: NumPy's AVX-512 loops are off inside the kernel
        assert "X86_V4=False" in html
    # the cache is named after the settings too: results of other kernels are not reused
    caches = [p.name for p in (tmp_path / "_build" / ".jupyter_cache").iterdir()]
    assert all(name.count("-") == (2 if pins else 1) for name in caches), caches
