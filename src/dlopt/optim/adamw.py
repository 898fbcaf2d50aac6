r"""AdamW: Adam with weight decay decoupled from the gradient."""

from __future__ import annotations

from dlopt.optim.adam import Adam


class AdamW(Adam):
    r"""AdamW (the algorithm of :class:`torch.optim.AdamW`).

    Adam whose weight decay shrinks the parameters directly instead of being added
    to the gradient, so it is not rescaled by the adaptive denominator. At step
    :math:`t`, first

    .. math::

        \theta_{t-1} \leftarrow (1 - \eta\lambda)\, \theta_{t-1},

    then the :class:`Adam` update (without its L2 term) with
    :math:`g_t = \nabla f(\theta_{t-1})` evaluated *before* the shrinking.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`.
    betas : tuple of two floats
        Decay rates :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`, of the two moments.
    eps : float
        :math:`\varepsilon \ge 0`, added to the root mean square to avoid dividing by zero.
    weight_decay : float
        Decoupled weight decay :math:`\lambda \ge 0`.
    amsgrad : bool
        Divide by the largest :math:`v_t` seen so far (AMSGrad).
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` is the same as for :class:`Adam`.

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = AdamW(lr=0.1, weight_decay=0.5)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 4))
    1 0.85
    2 0.7082
    3 0.575
    4 0.4505
    >>> opt
    AdamW(lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.5, amsgrad=False, maximize=False)
    """

    def __init__(
        self,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=1e-2,
        amsgrad=False,
        *,
        maximize=False,
    ):
        super().__init__(
            lr, betas, eps, weight_decay=weight_decay, amsgrad=amsgrad, maximize=maximize
        )

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            param *= 1 - self.lr * self.weight_decay  # θ ← (1 - ηλ) θ
        self._adam_step(param, grad, state, work)
