r"""Averages of the parameters along a run: SWA (Polyak, equal weights) and EMA.

:class:`AveragedParameters` is :class:`torch.optim.swa_utils.AveragedModel` on plain
arrays: the first :meth:`~AveragedParameters.update` copies the parameters, every later
one moves the average towards them,

.. math::

    \bar\theta_1 = \theta_1, \qquad
    \bar\theta_{n+1} = \bar\theta_n + w_n\,(\theta_{n+1} - \bar\theta_n), \qquad
    w_n = \begin{cases} \dfrac{1}{n + 1} & \text{SWA (the mean of all } n + 1 \text{ points)} \\
    1 - \beta & \text{EMA with decay } \beta \end{cases}

(torch's ``get_swa_multi_avg_fn`` and ``get_ema_multi_avg_fn(decay)``).

>>> import numpy as np
>>> avg = AveragedParameters()                  # SWA
>>> for value in [1.0, 2.0, 6.0]:
...     avg.update(np.array([value]))
>>> avg.params[0].tolist(), avg.n_averaged
([3.0], 3)
"""

from __future__ import annotations

import numpy as np

from dlopt._checks import as_param_list, check_in_range

__all__ = ["AveragedParameters"]


class AveragedParameters:
    """A running average of parameters: SWA when ``ema_decay`` is None, else an EMA.

    Parameters
    ----------
    ema_decay : float or None
        ``None`` (default) gives the equal-weight (SWA / Polyak) average; a decay
        :math:`\\beta \\in [0, 1]` gives the exponential moving average.

    ``params`` is the list of averaged arrays (copies, float64 or the parameters'
    dtype), ``n_averaged`` how many updates they contain.

    >>> ema = AveragedParameters(ema_decay=0.5)
    >>> for value in [1.0, 2.0, 6.0]:
    ...     ema.update(np.array([value]))
    >>> ema.params[0].tolist()
    [3.75]
    """

    def __init__(self, ema_decay=None):
        if ema_decay is not None:
            check_in_range("ema_decay", ema_decay, 0, 1, hi_closed=True)
        self.ema_decay = ema_decay
        self.params: list[np.ndarray] = []
        self.n_averaged = 0

    def update(self, params) -> None:
        """Add the current ``params`` (one array or a list, same structure every time)."""
        arrays, _ = as_param_list(params)
        if self.n_averaged and [(p.shape, p.dtype) for p in arrays] != [
            (a.shape, a.dtype) for a in self.params
        ]:
            raise ValueError(
                "params must have the structure of the first update, "
                f"{[(a.shape, str(a.dtype)) for a in self.params]}, "
                f"got {[(p.shape, str(p.dtype)) for p in arrays]}"
            )
        if self.n_averaged == 0:
            self.params = [p.copy() for p in arrays]
        else:
            n = self.n_averaged
            weight = 1 / (n + 1) if self.ema_decay is None else 1 - self.ema_decay
            for average, p in zip(self.params, arrays, strict=True):
                average += weight * (p - average)  # θ̄ ← θ̄ + w (θ - θ̄)
        self.n_averaged += 1

    def __repr__(self) -> str:
        return f"AveragedParameters(ema_decay={self.ema_decay!r})"
