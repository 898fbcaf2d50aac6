r"""Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay."""

from __future__ import annotations

import numpy as np

from dlopt._checks import check_bool, check_non_negative, check_real
from dlopt.optim.base import Optimizer


class SGD(Optimizer):
    r"""Stochastic gradient descent (the algorithm of :class:`torch.optim.SGD`).

    With gradient :math:`g_t = \nabla f(\theta_{t-1})` at step :math:`t = 1, 2, \dots`:

    .. math::

        g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
            && \text{(weight decay, if } \lambda \neq 0) \\
        b_t &= \begin{cases} g_t & t = 1 \\
                \mu\, b_{t-1} + (1 - \tau)\, g_t & t > 1 \end{cases}
            && \text{(momentum buffer, if } \mu \neq 0) \\
        g_t &\leftarrow \begin{cases} g_t + \mu\, b_t & \text{Nesterov} \\
                b_t & \text{otherwise} \end{cases} \\
        \theta_t &= \theta_{t-1} - \eta\, g_t

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`.
    momentum : float
        Momentum factor :math:`\mu \ge 0`; 0 is plain gradient descent.
    dampening : float
        Dampening :math:`\tau` of the gradient in the momentum buffer (not on the first step).
    weight_decay : float
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    nesterov : bool
        Nesterov momentum; needs :math:`\mu > 0` and :math:`\tau = 0`.
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` holds ``"momentum_buffer"`` (:math:`b_t`), created at the first step
    with :math:`\mu \neq 0` (so :math:`t = 1` above is the first step with momentum).

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = SGD(lr=0.1, momentum=0.9)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 4))
    1 0.8
    2 0.46
    3 0.062
    4 -0.3086
    >>> opt
    SGD(lr=0.1, momentum=0.9, dampening=0, weight_decay=0, nesterov=False, maximize=False)
    """

    _state_names = ("momentum_buffer",)

    def __init__(
        self, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False
    ):
        super().__init__(
            lr=lr,
            momentum=momentum,
            dampening=dampening,
            weight_decay=weight_decay,
            nesterov=nesterov,
            maximize=maximize,
        )

    def _check_hyperparameters(self):
        check_non_negative("lr", self.lr)
        check_non_negative("momentum", self.momentum)
        check_real("dampening", self.dampening)
        check_non_negative("weight_decay", self.weight_decay)
        check_bool("nesterov", self.nesterov)
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ValueError(
                "nesterov=True requires momentum > 0 and dampening = 0, "
                f"got momentum={self.momentum!r}, dampening={self.dampening!r}"
            )

    def _init_state(self, param):
        return {}  # the momentum buffer is created by the first step that uses it

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param  # g ← g + λθ
        if self.momentum != 0:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = grad.copy()  # b_1 = g_1
            else:
                buf *= self.momentum  # b_t = μ b_{t-1}
                if self.dampening == 0:
                    buf += grad  # + g_t
                else:
                    buf += np.multiply(1 - self.dampening, grad, out=work)  # + (1 - τ) g_t
            if self.nesterov:
                grad = np.add(grad, np.multiply(self.momentum, buf, out=work), out=work)  # g + μb
            else:
                grad = buf
        param -= np.multiply(self.lr, grad, out=work)  # θ_t = θ_{t-1} - η g_t
