r"""A tiny multilayer perceptron with hand-written forward and backward passes.

For layers :math:`l = 1, \dots, L` with weights :math:`W_l` of shape
``(fan_in, fan_out)`` and biases :math:`b_l`, the forward pass on a batch
:math:`X` (one sample per row) is

.. math::
    h_0 = X, \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = \phi(z_l)\ (l < L),
    \qquad \text{output} = z_L,

with activation :math:`\phi` (tanh or ReLU). The last layer is linear, so the
outputs are logits (or regression values). Backpropagation runs the chain rule
backwards with :math:`\delta_l = \partial L / \partial z_l`:

.. math::
    \frac{\partial L}{\partial W_l} = h_{l-1}^\top \delta_l, \qquad
    \frac{\partial L}{\partial b_l} = \textstyle\sum_i (\delta_l)_i, \qquad
    \delta_{l-1} = (\delta_l W_l^\top) \odot \phi'(z_{l-1}).

>>> import numpy as np
>>> from dlopt.data import two_moons
>>> X, y = two_moons(n_samples=8, seed=0)
>>> model = MLP([2, 4, 2], seed=0)
>>> [p.shape for p in model.params]
[(2, 4), (4,), (4, 2), (2,)]
>>> loss, grads = model.loss_and_grads(X, y)
>>> round(loss, 4), [g.shape for g in grads] == [p.shape for p in model.params]
(0.6852, True)
"""

from __future__ import annotations

import numbers

import numpy as np

from dlopt import losses

__all__ = ["MLP", "ACTIVATIONS", "INITS", "LOSSES"]

#: Hidden-layer activations :math:`\phi` and their derivatives :math:`\phi'`
#: (written in terms of :math:`z` and :math:`h = \phi(z)`, whichever is simpler).
ACTIVATIONS = {
    "tanh": (np.tanh, lambda z, h: 1.0 - h**2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, h: (z > 0).astype(float)),
}

#: Weight initialization schemes (biases always start at zero).
INITS = ("xavier", "he", "zeros", "normal")

#: Loss names accepted by :meth:`MLP.loss_and_grads`.
LOSSES = ("cross_entropy", "mse", "binary_cross_entropy")


def _init_weight(init: str, fan_in: int, fan_out: int, scale: float, rng) -> np.ndarray:
    r"""One weight matrix of shape (fan_in, fan_out) drawn with scheme ``init``.

    * ``xavier`` (Glorot *uniform*): :math:`W \sim \mathcal U[-a, a]`,
      :math:`a = s\sqrt{6 / (\text{fan\_in} + \text{fan\_out})}`,
      so :math:`\operatorname{Var} W = s^2 \cdot 2 / (\text{fan\_in} + \text{fan\_out})`;
    * ``he`` (Kaiming *normal*, fan-in mode):
      :math:`W \sim \mathcal N(0, s^2 \cdot 2 / \text{fan\_in})`;
    * ``normal``: :math:`W \sim \mathcal N(0, s^2)`;
    * ``zeros``: :math:`W = 0`;

    where :math:`s` = ``init_scale``.
    """
    shape = (fan_in, fan_out)
    if init == "xavier":
        limit = scale * np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, size=shape)
    if init == "he":
        return rng.normal(0.0, scale * np.sqrt(2.0 / fan_in), size=shape)
    if init == "normal":
        return rng.normal(0.0, scale, size=shape)
    return np.zeros(shape)  # "zeros"


class MLP:
    r"""Multilayer perceptron ``layer_sizes[0] -> ... -> layer_sizes[-1]``.

    Parameters
    ----------
    layer_sizes
        Widths of all layers including input and output, e.g. ``[2, 16, 3]``
        (at least two positive integers).
    activation
        ``"tanh"`` or ``"relu"``, used in every hidden layer; the last layer is linear.
    init
        How the weights are drawn (biases are always zero), with :math:`s` = ``init_scale``:

        * ``"xavier"``: Glorot **uniform**,
          :math:`\mathcal U\bigl[-s\sqrt{6/(\text{fan\_in}+\text{fan\_out})},\
          s\sqrt{6/(\text{fan\_in}+\text{fan\_out})}\bigr]`;
        * ``"he"``: Kaiming **normal**, :math:`\mathcal N(0, 2 s^2/\text{fan\_in})`;
        * ``"normal"``: :math:`\mathcal N(0, s^2)`, i.e. standard deviation ``init_scale``
          regardless of the layer width (a large value makes activations explode
          layer by layer, a small one makes them vanish);
        * ``"zeros"``: every weight and bias is 0. All hidden units then compute the same
          function and receive the same gradient, so they stay identical for ever
          (the symmetry pitfall); ``init_scale`` is not used.
    init_scale
        A positive number: the gain for ``"xavier"`` and ``"he"``, the standard deviation
        for ``"normal"``.
    seed
        Seed of the generator that draws the weights.

    Attributes
    ----------
    params
        ``[W1, b1, W2, b2, ...]`` with ``W`` of shape ``(fan_in, fan_out)`` and ``b`` of
        shape ``(fan_out,)``. Optimizers update these arrays in place.

    >>> model = MLP([3, 5, 1], activation="relu", init="he", seed=0)
    >>> model
    MLP([3, 5, 1], activation='relu', init='he', init_scale=1.0, seed=0)
    >>> model.forward(np.ones((4, 3))).shape
    (4, 1)
    >>> all(not p.any() for p in MLP([2, 3, 2], init="zeros").params)
    True
    """

    def __init__(
        self,
        layer_sizes,
        activation: str = "tanh",
        init: str = "xavier",
        init_scale: float = 1.0,
        seed: int = 0,
    ):
        sizes = list(layer_sizes) if isinstance(layer_sizes, list | tuple | np.ndarray) else None
        if (
            sizes is None
            or len(sizes) < 2
            or not all(
                isinstance(k, numbers.Integral) and not isinstance(k, bool) and k >= 1
                for k in sizes
            )
        ):
            raise ValueError(
                "layer_sizes must be a list of at least two positive integers "
                f"(input, hidden..., output), got {layer_sizes!r}"
            )
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {tuple(ACTIVATIONS)}, got {activation!r}")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        if (
            isinstance(init_scale, bool)
            or not isinstance(init_scale, numbers.Real)
            or not np.isfinite(init_scale)
            or init_scale <= 0
        ):
            raise ValueError(f"init_scale must be a positive number, got {init_scale!r}")
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")

        self.layer_sizes = [int(k) for k in sizes]
        self.activation = activation
        self.init = init
        self.init_scale = float(init_scale)
        self.seed = int(seed)
        self._phi, self._dphi = ACTIVATIONS[activation]

        rng = np.random.default_rng(seed)
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True):
            self.params.append(_init_weight(init, fan_in, fan_out, self.init_scale, rng))
            self.params.append(np.zeros(fan_out))

    def __repr__(self) -> str:
        return (
            f"MLP({self.layer_sizes}, activation={self.activation!r}, init={self.init!r}, "
            f"init_scale={self.init_scale!r}, seed={self.seed})"
        )

    @property
    def layers(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The ``(W, b)`` pairs, first layer first (views of :attr:`params`)."""
        return list(zip(self.params[0::2], self.params[1::2], strict=True))

    # -- forward ------------------------------------------------------------------

    def _check_X(self, X) -> np.ndarray:
        try:
            X = np.asarray(X, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"X must be an array of real numbers, got {X!r}") from None
        n_in = self.layer_sizes[0]
        if X.ndim != 2 or X.shape[1] != n_in or X.shape[0] == 0:
            raise ValueError(
                f"X must have shape (n_samples, {n_in}) with n_samples >= 1, got shape {X.shape}"
            )
        return X

    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Forward pass keeping what backprop needs: inputs ``h`` and pre-activations ``z``."""
        hs, zs = [X], []
        n_layers = len(self.layers)
        for i, (W, b) in enumerate(self.layers):
            z = hs[-1] @ W + b
            zs.append(z)
            if i < n_layers - 1:  # hidden layer; the last one stays linear
                hs.append(self._phi(z))
        return hs, zs

    def forward(self, X) -> np.ndarray:
        r"""The outputs :math:`z_L` (logits), shape ``(n_samples, layer_sizes[-1])``.

        >>> model = MLP([2, 3, 2], seed=0)
        >>> model.forward(np.zeros((1, 2))).tolist()  # zero biases: zero input -> zero output
        [[0.0, 0.0]]
        """
        _, zs = self._forward(self._check_X(X))
        return zs[-1]

    __call__ = forward

    def hidden_activations(self, X) -> list[np.ndarray]:
        r"""The hidden-layer outputs :math:`h_1, \dots, h_{L-1}` (to watch them explode or vanish).

        >>> model = MLP([10, 50, 50, 50, 1], activation="relu", init="normal", init_scale=1.0)
        >>> X = np.random.default_rng(0).normal(size=(100, 10))
        >>> [round(float(h.std()), 1) for h in model.hidden_activations(X)]
        [1.8, 7.2, 40.4]
        """
        hs, _ = self._forward(self._check_X(X))
        return hs[1:]

    # -- loss and backward ----------------------------------------------------------

    def _output_loss(self, outputs: np.ndarray, y, loss: str) -> tuple[float, np.ndarray]:
        """Loss value and its gradient with respect to the outputs z_L."""
        n, n_out = outputs.shape
        if loss == "cross_entropy":
            if n_out < 2:
                raise ValueError(
                    "loss='cross_entropy' needs at least 2 outputs (one logit per class), "
                    f"got layer_sizes[-1]={n_out}; use loss='binary_cross_entropy' for one logit"
                )
            return losses.cross_entropy(outputs, y), losses.cross_entropy_grad(outputs, y)
        if loss == "mse":
            if n_out == 1 and np.shape(y) == (n,):  # documented convenience: y of shape (n,)
                y = np.reshape(y, (n, 1))
            if np.shape(y) != outputs.shape:
                raise ValueError(
                    f"y must have shape {outputs.shape} for loss='mse'"
                    + (f" (or ({n},))" if n_out == 1 else "")
                    + f", got shape {np.shape(y)}"
                )
            return losses.mse(outputs, y), losses.mse_grad(outputs, y)
        if loss == "binary_cross_entropy":
            if n_out != 1:
                raise ValueError(
                    "loss='binary_cross_entropy' needs exactly one output (the logit of class 1), "
                    f"got layer_sizes[-1]={n_out}"
                )
            target = np.asarray(y)
            if target.shape != (n,) or not np.all((target == 0) | (target == 1)):
                raise ValueError(
                    f"y must be labels 0 or 1 of shape ({n},) for loss='binary_cross_entropy', "
                    f"got shape {target.shape} with values {np.unique(target)[:5].tolist()}"
                )
            logits, target = outputs[:, 0], target.astype(float)
            value = losses.binary_cross_entropy_with_logits(logits, target)
            return value, losses.binary_cross_entropy_with_logits_grad(logits, target)[:, None]
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")

    def loss_and_grads(self, X, y, loss: str = "cross_entropy") -> tuple[float, list[np.ndarray]]:
        r"""The loss on ``(X, y)`` and its gradients, in the order of :attr:`params`.

        ``loss`` is ``"cross_entropy"`` (``y``: integer labels, shape ``(n,)``),
        ``"binary_cross_entropy"`` (one output; ``y``: labels 0/1, shape ``(n,)``) or
        ``"mse"`` (``y`` of the output shape, or shape ``(n,)`` when there is one output).
        See :mod:`dlopt.losses` for the formulas; every loss is a mean over the batch.

        >>> model = MLP([1, 1], seed=0)         # a linear model y = w x + b
        >>> X, y = np.array([[1.0], [2.0]]), np.array([0.0, 0.0])
        >>> w = model.params[0][0, 0]
        >>> loss, (dW, db) = model.loss_and_grads(X, y, loss="mse")
        >>> bool(np.isclose(loss, w**2 * (1 + 4) / 2)), bool(np.isclose(dW[0, 0], w * (1 + 4)))
        (True, True)
        """
        X = self._check_X(X)
        hs, zs = self._forward(X)
        value, delta = self._output_loss(zs[-1], y, loss)  # delta = dL/dz_L

        # Walk back through the layers. Index i is layer l = i + 1 of the formulas:
        # hs[i] is its input h_{l-1} and zs[i] its pre-activation z_l.
        grads: list[np.ndarray] = [np.empty(0)] * len(self.params)
        for i in reversed(range(len(self.layers))):
            W = self.params[2 * i]
            grads[2 * i] = hs[i].T @ delta  # dL/dW_l = h_{l-1}^T delta_l
            grads[2 * i + 1] = delta.sum(axis=0)  # dL/db_l = delta_l summed over the batch
            if i > 0:  # delta_{l-1} = (delta_l W_l^T) * phi'(z_{l-1})
                delta = (delta @ W.T) * self._dphi(zs[i - 1], hs[i])
        return value, grads

    def accuracy(self, X, y) -> float:
        r"""Fraction of correctly classified samples.

        The predicted class is :math:`\arg\max_k z_{L,k}` with several outputs and
        :math:`[z_L > 0]` with a single output (sigmoid probability above 1/2).
        ``y`` holds the true labels, shape ``(n,)``.

        >>> model = MLP([2, 2], init="zeros")   # all logits 0: argmax picks class 0
        >>> model.accuracy(np.zeros((4, 2)), np.array([0, 0, 1, 0]))
        0.75
        """
        outputs = self.forward(X)
        y = np.asarray(y)
        if y.shape != (len(outputs),):
            raise ValueError(f"y must have shape ({len(outputs)},), got shape {y.shape}")
        if outputs.shape[1] == 1:
            predicted = (outputs[:, 0] > 0).astype(int)
        else:
            predicted = outputs.argmax(axis=1)
        return float(np.mean(predicted == y))
