r"""Adadelta: RMSprop whose step size is a running root mean square of the past steps."""

from __future__ import annotations

import numpy as np

from dlopt._checks import check_in_range, check_non_negative
from dlopt.optim.base import Optimizer


class Adadelta(Optimizer):
    r"""Adadelta (the algorithm of :class:`torch.optim.Adadelta`).

    With gradient :math:`g_t = \nabla f(\theta_{t-1})` at step :math:`t = 1, 2, \dots`
    and :math:`v_0 = u_0 = 0` (all operations elementwise):

    .. math::

        g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
            && \text{(weight decay, if } \lambda \neq 0) \\
        v_t &= \rho\, v_{t-1} + (1 - \rho)\, g_t^2 \\
        \Delta_t &= \frac{\sqrt{u_{t-1} + \varepsilon}}{\sqrt{v_t + \varepsilon}}\, g_t \\
        u_t &= \rho\, u_{t-1} + (1 - \rho)\, \Delta_t^2 \\
        \theta_t &= \theta_{t-1} - \eta\, \Delta_t

    The step :math:`\Delta_t` has the units of :math:`\theta`: the ratio of two root
    mean squares, of the past steps and of the gradients, replaces a learning rate
    (:math:`\eta = 1` by default).

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`, a factor on :math:`\Delta_t`.
    rho : float
        Decay rate :math:`\rho \in [0, 1]` of the two running averages.
    eps : float
        :math:`\varepsilon \ge 0`, added inside both square roots.
    weight_decay : float
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` holds ``"square_avg"`` (:math:`v_t`) and ``"acc_delta"`` (:math:`u_t`).

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = Adadelta(lr=1.0)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 6))
    1 0.996838
    2 0.993598
    3 0.990309
    4 0.986984
    >>> opt
    Adadelta(lr=1.0, rho=0.9, eps=1e-06, weight_decay=0, maximize=False)
    """

    _state_names = ("square_avg", "acc_delta")

    def __init__(self, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, *, maximize=False):
        super().__init__(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize)

    def _check_hyperparameters(self):
        check_non_negative("lr", self.lr)
        check_in_range("rho", self.rho, 0, 1, hi_closed=True)
        check_non_negative("eps", self.eps)
        check_non_negative("weight_decay", self.weight_decay)

    def _init_state(self, param):
        return {"square_avg": np.zeros_like(param), "acc_delta": np.zeros_like(param)}

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param  # g ← g + λθ
        v, u = state["square_avg"], state["acc_delta"]
        v *= self.rho  # v_t = ρ v_{t-1}
        v += np.multiply(1 - self.rho, np.square(grad, out=work), out=work)  # + (1 - ρ) g_t²
        std = np.sqrt(v + self.eps)  # √(v_t + ε)
        delta = np.sqrt(np.add(u, self.eps, out=work), out=work)  # √(u_{t-1} + ε)
        delta /= std
        delta *= grad  # Δ_t = √(u_{t-1} + ε) / √(v_t + ε) · g_t
        u *= self.rho  # u_t = ρ u_{t-1}
        u += (1 - self.rho) * np.square(delta)  # + (1 - ρ) Δ_t²
        param -= np.multiply(self.lr, delta, out=work)  # θ_t = θ_{t-1} - η Δ_t
