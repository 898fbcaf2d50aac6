r"""RMSprop: divide the gradient by a running root mean square of recent gradients."""

from __future__ import annotations

import numpy as np

from dlopt._checks import check_bool, check_non_negative
from dlopt.optim.base import Optimizer


class RMSprop(Optimizer):
    r"""RMSprop (the algorithm of :class:`torch.optim.RMSprop`).

    With gradient :math:`g_t = \nabla f(\theta_{t-1})` at step :math:`t = 1, 2, \dots`
    and :math:`v_0 = m_0 = b_0 = 0` (all operations elementwise):

    .. math::

        g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
            && \text{(weight decay, if } \lambda \neq 0) \\
        v_t &= \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2 \\
        m_t &= \alpha\, m_{t-1} + (1 - \alpha)\, g_t,
            \quad \tilde v_t = v_t - m_t^2 && \text{(centered; otherwise } \tilde v_t = v_t) \\
        b_t &= \mu\, b_{t-1} + \frac{g_t}{\sqrt{\tilde v_t} + \varepsilon},
            \quad \theta_t = \theta_{t-1} - \eta\, b_t && \text{(if } \mu > 0) \\
        \theta_t &= \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{\tilde v_t} + \varepsilon}
            && \text{(if } \mu = 0)

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`.
    alpha : float
        Smoothing constant :math:`\alpha \ge 0` of the running averages.
    eps : float
        :math:`\varepsilon \ge 0`, added to the root mean square to avoid dividing by zero.
    weight_decay : float
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    momentum : float
        Momentum factor :math:`\mu \ge 0` applied to the normalized gradient.
    centered : bool
        Divide by an estimate of the gradient's variance instead of its second moment.
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` holds ``"square_avg"`` (:math:`v_t`), plus ``"grad_avg"`` (:math:`m_t`)
    when centered and ``"momentum_buffer"`` (:math:`b_t`) when :math:`\mu > 0`.

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = RMSprop(lr=0.01)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 4))
    1 0.9
    2 0.8329
    3 0.78
    4 0.7354
    >>> opt  # doctest: +NORMALIZE_WHITESPACE
    RMSprop(lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False,
            maximize=False)
    """

    _state_names = ("square_avg", "grad_avg", "momentum_buffer")

    def __init__(
        self,
        lr=1e-2,
        alpha=0.99,
        eps=1e-8,
        weight_decay=0,
        momentum=0,
        centered=False,
        *,
        maximize=False,
    ):
        super().__init__(
            lr=lr,
            alpha=alpha,
            eps=eps,
            weight_decay=weight_decay,
            momentum=momentum,
            centered=centered,
            maximize=maximize,
        )

    def _check_hyperparameters(self):
        check_non_negative("lr", self.lr)
        check_non_negative("alpha", self.alpha)
        check_non_negative("eps", self.eps)
        check_non_negative("weight_decay", self.weight_decay)
        check_non_negative("momentum", self.momentum)
        check_bool("centered", self.centered)

    def _init_state(self, param):
        state = {"square_avg": np.zeros_like(param)}
        if self.centered:
            state["grad_avg"] = np.zeros_like(param)
        if self.momentum > 0:
            state["momentum_buffer"] = np.zeros_like(param)
        return state

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param  # g ← g + λθ
        v = state["square_avg"]
        v *= self.alpha  # v_t = α v_{t-1}
        v += np.multiply(1 - self.alpha, np.square(grad, out=work), out=work)  # + (1 - α) g_t²
        if self.centered:
            m = state["grad_avg"]  # m_t = m_{t-1} + (1 - α)(g_t - m_{t-1}), i.e. α m + (1 - α) g
            m += np.multiply(1 - self.alpha, np.subtract(grad, m, out=work), out=work)
            rms = np.sqrt(np.subtract(v, np.square(m, out=work), out=work), out=work)  # √(v - m²)
        else:
            rms = np.sqrt(v, out=work)  # √v_t
        rms += self.eps
        if self.momentum > 0:
            b = state["momentum_buffer"]
            b *= self.momentum  # b_t = μ b_{t-1}
            b += np.divide(grad, rms, out=work)  # + g_t / (√ṽ_t + ε)
            param -= np.multiply(self.lr, b, out=work)  # θ_t = θ_{t-1} - η b_t
        else:
            param -= np.multiply(self.lr, np.divide(grad, rms, out=work), out=work)  # - η g/(…)
