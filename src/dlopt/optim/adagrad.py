r"""Adagrad: a per-coordinate learning rate from the sum of all squared gradients."""

from __future__ import annotations

import numpy as np

from dlopt._checks import check_non_negative
from dlopt.optim.base import Optimizer


class Adagrad(Optimizer):
    r"""Adagrad (the algorithm of :class:`torch.optim.Adagrad`).

    With gradient :math:`g_t = \nabla f(\theta_{t-1})` at step :math:`t = 1, 2, \dots`
    and :math:`s_0 = s_{\text{init}}` (all operations elementwise):

    .. math::

        g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
            && \text{(weight decay, if } \lambda \neq 0) \\
        \eta_t &= \frac{\eta}{1 + (t - 1)\,\delta} && \text{(learning-rate decay)} \\
        s_t &= s_{t-1} + g_t^2 \\
        \theta_t &= \theta_{t-1} - \eta_t\, \frac{g_t}{\sqrt{s_t} + \varepsilon}

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`.
    lr_decay : float
        Learning-rate decay :math:`\delta \ge 0`.
    weight_decay : float
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    initial_accumulator_value : float
        Starting value :math:`s_{\text{init}} \ge 0` of the sum of squares.
    eps : float
        :math:`\varepsilon \ge 0`, added to :math:`\sqrt{s_t}` to avoid dividing by zero.
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` holds ``"sum"`` (:math:`s_t`).

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = Adagrad(lr=0.5)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 4))
    1 0.5
    2 0.2764
    3 0.1564
    4 0.0891
    >>> opt  # doctest: +NORMALIZE_WHITESPACE
    Adagrad(lr=0.5, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
            maximize=False)
    """

    _state_names = ("sum",)

    def __init__(
        self,
        lr=1e-2,
        lr_decay=0,
        weight_decay=0,
        initial_accumulator_value=0,
        eps=1e-10,
        *,
        maximize=False,
    ):
        super().__init__(
            lr=lr,
            lr_decay=lr_decay,
            weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value,
            eps=eps,
            maximize=maximize,
        )

    def _check_hyperparameters(self):
        check_non_negative("lr", self.lr)
        check_non_negative("lr_decay", self.lr_decay)
        check_non_negative("weight_decay", self.weight_decay)
        check_non_negative("initial_accumulator_value", self.initial_accumulator_value)
        check_non_negative("eps", self.eps)

    def _init_state(self, param):
        return {"sum": np.full_like(param, self.initial_accumulator_value)}

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param  # g ← g + λθ
        lr_t = self.lr / (1 + (state["step"] - 1) * self.lr_decay)  # η_t = η / (1 + (t-1)δ)
        s = state["sum"]
        s += np.square(grad, out=work)  # s_t = s_{t-1} + g_t²
        denom = np.sqrt(s, out=work)
        denom += self.eps  # √s_t + ε
        param -= np.multiply(lr_t, np.divide(grad, denom, out=work), out=work)  # θ -= η_t g/(…)
