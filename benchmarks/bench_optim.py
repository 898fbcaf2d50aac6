"""Time one optimizer step of dlopt against torch.optim on large float32 parameters.

Run from the repository root:  .venv/bin/python benchmarks/bench_optim.py

For each case (SGD with momentum 0.9, Adam, Adadelta) and size (1M, 10M parameters,
one float32 array, fixed random gradient) it reports the median wall-clock time of one
``step`` over several repeats after a warm-up, for dlopt (numpy), torch.optim's default
CPU implementation, and torch's fastest CPU path (``fused=True`` where torch has it on
CPU, else ``foreach=True``). The last columns give the physical limit: the memory
traffic of one step (every array read once and every updated array written once), and
the time that traffic takes at the machine's copy bandwidth, measured with ``np.copyto``
of the same number of bytes. ``dlopt/bound`` says how far dlopt is from that limit.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import torch

from dlopt.optim import SGD, Adadelta, Adam

SIZES = [1_000_000, 10_000_000]
WARMUP, REPEATS = 3, 21
# name: (dlopt optimizer, torch class and kwargs, arrays read, arrays written)
CASES = {
    "SGD(momentum=0.9)": (
        lambda: SGD(lr=1e-3, momentum=0.9),
        (torch.optim.SGD, dict(lr=1e-3, momentum=0.9)),
        3,  # param, grad, buffer
        2,  # param, buffer
    ),
    "Adam": (lambda: Adam(lr=1e-3), (torch.optim.Adam, dict(lr=1e-3)), 4, 3),
    "Adadelta": (lambda: Adadelta(), (torch.optim.Adadelta, dict()), 4, 3),
}


def median_ms(*steps) -> list[float]:
    """Median time in ms of each function; the repeats are interleaved so load hits all alike."""
    for _ in range(WARMUP):
        for step in steps:
            step()
    times = [[] for _ in steps]
    for _ in range(REPEATS):
        for step, record in zip(steps, times, strict=True):
            start = time.perf_counter()
            step()
            record.append(time.perf_counter() - start)
    return [1e3 * statistics.median(record) for record in times]


def copy_bandwidth(nbytes: int) -> float:
    """Bytes per second moved (read + write) by ``np.copyto`` of ``nbytes`` bytes."""
    src = np.ones(nbytes // 4, dtype=np.float32)
    dst = np.empty_like(src)
    (ms,) = median_ms(lambda: np.copyto(dst, src))
    return 2 * nbytes / (ms / 1e3)


def fastest_torch(cls, kwargs, p):
    """torch's fastest CPU path for ``cls``: fused when it accepts fused=True on CPU."""
    try:
        return cls([p], fused=True, **kwargs), "fused"
    except (RuntimeError, TypeError, ValueError):
        return cls([p], foreach=True, **kwargs), "foreach"


def main() -> None:
    print(
        f"numpy {np.__version__}, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), float32, median of {REPEATS} steps"
    )
    header = (
        f"{'case':<18} {'params':>6} {'dlopt ms':>9} {'torch ms':>9} {'fast ms':>13} "
        f"{'MB/step':>8} {'bound ms':>9} {'dlopt/bound':>11} {'dlopt/torch':>11}"
    )
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for size in SIZES:
        param = rng.standard_normal(size, dtype=np.float32)
        grad = rng.standard_normal(size, dtype=np.float32)
        bandwidth = copy_bandwidth(param.nbytes)
        for case, (make_dlopt, (tcls, tkwargs), reads, writes) in CASES.items():
            x = param.copy()
            opt = make_dlopt()
            p = torch.nn.Parameter(torch.from_numpy(param.copy()))
            p.grad = torch.from_numpy(grad.copy())
            q = torch.nn.Parameter(torch.from_numpy(param.copy()))
            q.grad = torch.from_numpy(grad.copy())
            topt = tcls([p], **tkwargs)
            fast, kind = fastest_torch(tcls, tkwargs, q)
            dlopt_ms, torch_ms, fast_ms = median_ms(
                lambda: opt.step(x, grad),  # noqa: B023
                topt.step,
                fast.step,
            )
            # the float32 path stays float32: parameters and every state array
            assert x.dtype == np.float32
            assert all(v.dtype == np.float32 for k, v in opt.state[0].items() if k != "step")
            traffic = (reads + writes) * param.nbytes
            bound_ms = 1e3 * traffic / bandwidth
            print(
                f"{case:<18} {size // 10**6:>5}M {dlopt_ms:>9.2f} {torch_ms:>9.2f} "
                f"{fast_ms:>7.2f} {kind:<5} {traffic / 1e6:>8.0f} {bound_ms:>9.2f} "
                f"{dlopt_ms / bound_ms:>11.2f} {dlopt_ms / torch_ms:>11.2f}"
            )
        print(f"{'':<18} copy bandwidth at {size // 10**6}M: {bandwidth / 1e9:.1f} GB/s")


if __name__ == "__main__":
    main()
