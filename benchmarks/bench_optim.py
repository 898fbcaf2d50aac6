"""Time one optimizer step of dlopt against torch.optim on large float32 parameters.

Run from the repository root:  .venv/bin/python benchmarks/bench_optim.py

For each case (SGD with momentum 0.9, Adam) and size (1M, 10M parameters, one
float32 array, fixed random gradient) it reports the median wall-clock time of
one ``step`` over several repeats after a warm-up, for dlopt (numpy) and for
torch.optim (CPU, default implementation), and their ratio. The target is a
ratio below 2 at 10M parameters.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import torch

from dlopt.optim import SGD, Adam

SIZES = [1_000_000, 10_000_000]
WARMUP, REPEATS = 3, 21
CASES = {
    "SGD(momentum=0.9)": (
        lambda: SGD(lr=1e-3, momentum=0.9),
        lambda p: torch.optim.SGD([p], lr=1e-3, momentum=0.9),
    ),
    "Adam": (lambda: Adam(lr=1e-3), lambda p: torch.optim.Adam([p], lr=1e-3)),
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


def main() -> None:
    print(
        f"numpy {np.__version__}, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), float32, median of {REPEATS} steps"
    )
    header = f"{'case':<20} {'params':>8} {'dlopt ms':>10} {'torch ms':>10} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for size in SIZES:
        param = rng.standard_normal(size, dtype=np.float32)
        grad = rng.standard_normal(size, dtype=np.float32)
        for case, (make_dlopt, make_torch) in CASES.items():
            x = param.copy()
            opt = make_dlopt()
            p = torch.nn.Parameter(torch.from_numpy(param.copy()))
            p.grad = torch.from_numpy(grad.copy())
            topt = make_torch(p)
            dlopt_ms, torch_ms = median_ms(lambda: opt.step(x, grad), topt.step)  # noqa: B023
            # the float32 path stays float32: parameters and every state array
            assert x.dtype == np.float32
            assert all(s.dtype == np.float32 for s in opt.state[0].values())
            print(
                f"{case:<20} {size // 10**6:>7}M {dlopt_ms:>10.2f} {torch_ms:>10.2f} "
                f"{dlopt_ms / torch_ms:>7.2f}"
            )


if __name__ == "__main__":
    main()
