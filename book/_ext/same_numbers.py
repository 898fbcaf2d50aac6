"""The same numbers on every machine: the kernels that run the pages use one set of CPU kernels.

NumPy's OpenBLAS, NumPy's own loops and PyTorch pick their machine code by the processor
they find (AVX2, AVX-512, ...), and each choice rounds a little differently. Training near
the edge of stability magnifies a difference in the last bit into a different loss curve:
chapter 5's learning-rate sweep gave a loss of 0,11 at η = 0,316 on an AVX-512 machine and
0,27 on an AVX2 one, and a claim the text asserts was true on one and false on the other.

So the pages are executed with the AVX2 code paths and one thread on every x86-64 machine
(all of them have had AVX2 since 2013-2015), and the glued numbers, the asserted claims
and the figures come out the same for every contributor and in CI. The settings are
environment variables, so the kernel processes that execute the pages inherit them; they
are also part of the execution cache's name (``execution_cache.cache_path``), so changing
them re-runs the pages. On other processors (e.g. ARM) nothing is set: the book still
builds, and a claim whose margin is too thin shows up there as a failing assert.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

#: Environment of the kernels on x86-64 machines with AVX2.
X86_AVX2 = {
    "OPENBLAS_CORETYPE": "Haswell",  # OpenBLAS: the AVX2 kernels, not SkylakeX/Zen ones
    "OPENBLAS_NUM_THREADS": "1",  # and one thread: the same sums whatever the core count
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",  # NumPy: no AVX-512 loops
    "ATEN_CPU_CAPABILITY": "avx2",  # PyTorch's own kernels
    "MKL_CBWR": "AVX2",  # MKL's conditional numerical reproducibility
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "OMP_NUM_THREADS": "1",  # PyTorch splits reductions by thread
}


def has_avx2(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the processor has AVX2 (read from ``/proc/cpuinfo``; False where it is absent).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     info = Path(d) / "cpuinfo"
    ...     _ = info.write_text("flags\\t: fpu sse2 avx avx2 fma\\n")
    ...     with_avx2 = has_avx2(info)
    ...     _ = info.write_text("flags\\t: fpu sse2 avx\\n")
    ...     (with_avx2, has_avx2(info), has_avx2(Path(d) / "missing"))
    (True, False, False)
    """
    try:
        text = cpuinfo.read_text()
    except OSError:
        return False
    return any(line.startswith("flags") and "avx2" in line.split() for line in text.splitlines())


def settings(machine: str | None = None, avx2: bool | None = None) -> dict[str, str]:
    """The environment variables the kernels get on this machine (empty where none apply).

    >>> settings("x86_64", avx2=True)["OPENBLAS_CORETYPE"]
    'Haswell'
    >>> settings("aarch64", avx2=False)
    {}
    """
    machine = platform.machine() if machine is None else machine
    if machine.lower() not in ("x86_64", "amd64"):
        return {}
    return dict(X86_AVX2) if (has_avx2() if avx2 is None else avx2) else {}


def apply(environ=os.environ) -> dict[str, str]:
    """Set the settings in ``environ`` (inherited by the kernels); returns what was set."""
    pins = settings()
    environ.update(pins)
    return pins


def setup(app):
    apply()  # before any page runs: the kernels are started later, by myst-nb
    return {"parallel_read_safe": True, "parallel_write_safe": True}
