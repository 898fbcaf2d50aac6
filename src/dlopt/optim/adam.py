r"""Adam: momentum on the gradient, divided by a running root mean square, with bias correction."""

from __future__ import annotations

import math

import numpy as np

from dlopt._checks import check_betas, check_bool, check_non_negative
from dlopt.optim.base import Optimizer


class Adam(Optimizer):
    r"""Adam (the algorithm of :class:`torch.optim.Adam`).

    With gradient :math:`g_t = \nabla f(\theta_{t-1})` at step :math:`t = 1, 2, \dots`
    and :math:`m_0 = v_0 = 0` (all operations elementwise):

    .. math::

        g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
            && \text{(weight decay, if } \lambda \neq 0) \\
        m_t &= \beta_1\, m_{t-1} + (1 - \beta_1)\, g_t \\
        v_t &= \beta_2\, v_{t-1} + (1 - \beta_2)\, g_t^2 \\
        \hat v_t &= \max(\hat v_{t-1}, v_t)
            && \text{(AMSGrad; otherwise } \hat v_t = v_t) \\
        \theta_t &= \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\,
            \frac{m_t}{\sqrt{\hat v_t} / \sqrt{1 - \beta_2^t} + \varepsilon}

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta \ge 0`.
    betas : tuple of two floats
        Decay rates :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`, of the two moments.
    eps : float
        :math:`\varepsilon \ge 0`, added to the root mean square to avoid dividing by zero.
    weight_decay : float
        L2 penalty :math:`\lambda \ge 0`, added to the gradient (:class:`AdamW` decouples it).
    amsgrad : bool
        Divide by the largest :math:`v_t` seen so far (AMSGrad).
    maximize : bool
        Maximize the objective instead: the update uses :math:`-g_t` (as in torch).

    ``state[i]`` holds ``"exp_avg"`` (:math:`m_t`), ``"exp_avg_sq"`` (:math:`v_t`) and,
    with AMSGrad, ``"max_exp_avg_sq"`` (:math:`\hat v_t`).

    Minimizing :math:`f(x) = x^2` (gradient :math:`2x`) from :math:`x = 1`:

    >>> import numpy as np
    >>> x = np.array(1.0)
    >>> opt = Adam(lr=0.1)
    >>> for _ in range(4):
    ...     _ = opt.step(x, 2 * x)
    ...     print(opt.t, round(float(x), 4))
    1 0.9
    2 0.8004
    3 0.7016
    4 0.6039
    >>> opt
    Adam(lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, maximize=False)
    """

    _state_names = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")

    def __init__(
        self,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=0,
        amsgrad=False,
        *,
        maximize=False,
    ):
        super().__init__(
            lr=lr,
            betas=betas,
            eps=eps,
            weight_decay=weight_decay,
            amsgrad=amsgrad,
            maximize=maximize,
        )

    def _check_hyperparameters(self):
        check_non_negative("lr", self.lr)
        check_betas(self.betas)
        check_non_negative("eps", self.eps)
        check_non_negative("weight_decay", self.weight_decay)
        check_bool("amsgrad", self.amsgrad)

    def _init_state(self, param):
        state = {"exp_avg": np.zeros_like(param), "exp_avg_sq": np.zeros_like(param)}
        if self.amsgrad:
            state["max_exp_avg_sq"] = np.zeros_like(param)
        return state

    def _update(self, param, grad, state, work):
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param  # g ← g + λθ
        self._adam_step(param, grad, state, work)

    def _adam_step(self, param, grad, state, work):
        """The moment updates and the bias-corrected step, shared with :class:`AdamW`."""
        beta1, beta2 = self.betas
        m, v = state["exp_avg"], state["exp_avg_sq"]
        m *= beta1  # m_t = β1 m_{t-1}
        m += np.multiply(1 - beta1, grad, out=work)  # + (1 - β1) g_t
        v *= beta2  # v_t = β2 v_{t-1}
        v += np.multiply(1 - beta2, np.square(grad, out=work), out=work)  # + (1 - β2) g_t²
        if self.amsgrad:  # v̂_t = max(v̂_{t-1}, v_t)
            v = np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
        step_size = self.lr / (1 - beta1 ** state["step"])  # η / (1 - β1^t)
        denom = np.sqrt(v, out=work)
        denom /= math.sqrt(1 - beta2 ** state["step"])
        denom += self.eps  # √v̂_t / √(1 - β2^t) + ε
        param -= np.multiply(step_size, np.divide(m, denom, out=work), out=work)
