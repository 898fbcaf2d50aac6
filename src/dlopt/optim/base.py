r"""The base class every optimizer of :mod:`dlopt.optim` builds on.

An optimizer turns gradients into parameter updates. All of them share the same
bookkeeping, which lives here so that each optimizer file only has to state its
update rule:

- ``step(params, grads)`` accepts one float array or a list/tuple of them and
  updates them **in place**;
- everything is validated before anything changes, so a bad call leaves both
  the parameters and the optimizer state exactly as they were;
- ``state`` holds one dict of arrays per parameter (the optimizer's memory, e.g.
  a momentum buffer :math:`b_t` or the moments :math:`m_t, v_t`) and ``t`` counts
  the steps taken;
- updates are computed in place, with a scratch array ``work`` for temporaries
  (``np.multiply(lr, grad, out=work)`` is :math:`\eta g_t`): a float32 model stays
  float32 and a step allocates no new arrays of the parameters' size; large
  parameters are updated in cache-sized pieces (see ``Optimizer._pieces``);
- hyper-parameters are plain attributes: ``opt.lr = 0.01`` between two steps is
  how a learning-rate schedule works.
"""

from __future__ import annotations

import numpy as np

from dlopt._checks import as_param_list, check_same_shapes


def _plain(value):
    """Turn numpy scalars (also inside tuples) into Python numbers, so they cannot upcast."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value.item() if isinstance(value, np.generic) else value


class Optimizer:
    r"""Base class: validation, parameter structure, ``state``, ``t`` and ``repr``.

    A subclass passes its hyper-parameters as keyword arguments to
    ``Optimizer.__init__`` (they become attributes, in that order in ``repr``) and
    implements three methods:

    - ``_check_hyperparameters()`` raises :class:`ValueError` for invalid values;
    - ``_init_state(param)`` returns the initial state dict of one parameter, with
      every array its updates will need;
    - ``_update(param, grad, state, work)`` applies one step to one parameter in
      place, **elementwise** (it may be handed a piece of a large parameter).
      ``grad`` has the dtype of ``param`` and must not be modified; ``work`` is a
      scratch array of the same shape and dtype with undefined contents (use it as
      ``out=``). The step number :math:`t` (starting at 1) is ``self.t``.

    >>> class GradientDescent(Optimizer):
    ...     def __init__(self, lr=0.1):
    ...         super().__init__(lr=lr)
    ...     def _check_hyperparameters(self):
    ...         pass
    ...     def _init_state(self, param):
    ...         return {}
    ...     def _update(self, param, grad, state, work):
    ...         param -= np.multiply(self.lr, grad, out=work)
    >>> opt = GradientDescent()
    >>> x = np.array([1.0, -2.0])
    >>> opt.step(x, 2 * x)
    array([ 0.8, -1.6])
    >>> opt, opt.t
    (GradientDescent(lr=0.1), 1)
    """

    _chunk = 2**18  # parameters larger than this are updated in pieces of this many elements

    def __init__(self, **hyperparameters):
        self._names = tuple(hyperparameters)
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self._check_hyperparameters()
        self.state: list[dict[str, np.ndarray]] = []
        self.t = 0
        self._layout: list[tuple] | None = None  # (shape, dtype) of each parameter
        self._work: dict[np.dtype, np.ndarray] = {}  # one flat scratch array per dtype

    def step(self, params, grads):
        """Update ``params`` in place with ``grads`` (same structure and shapes), return ``params``.

        Raises :class:`ValueError`, before changing anything, for an invalid
        hyper-parameter, parameter or gradient, or when the parameters' number,
        shapes or dtypes differ from those of the first step.
        """
        self._check_hyperparameters()
        arrays, single = as_param_list(params)
        grads = check_same_shapes(arrays, grads, single)
        layout = [(p.shape, p.dtype) for p in arrays]
        if self._layout is not None and layout != self._layout:
            raise ValueError(
                "params must keep the structure of the first step, "
                f"{self._describe(self._layout)}, got {self._describe(layout)}"
            )
        # Everything is valid: from here on we change the parameters and the state.
        for name in self._names:
            setattr(self, name, _plain(getattr(self, name)))
        if self._layout is None:
            self._layout = layout
            self.state = [self._init_state(p) for p in arrays]
        self.t += 1
        for param, grad, state in zip(arrays, grads, self.state, strict=True):
            if np.may_share_memory(grad, param):  # e.g. step(x, x): g_t must not move with θ
                grad = grad.copy()
            for piece in self._pieces(param, grad, state):
                self._update(*piece)
        return params

    def _pieces(self, param, grad, state):
        """Yield ``(param, grad, state, work)``: the whole parameter, or cache-sized pieces.

        The update rules are elementwise, so they may be applied to consecutive pieces
        of a large (C-contiguous) parameter, its gradient and its state, with the same
        result bit for bit. The temporaries of a piece then stay in the CPU cache, which
        makes a step on millions of parameters about 1.5x faster
        (``benchmarks/bench_optim.py``).
        """
        arrays = [param, *state.values()]
        if param.size <= self._chunk or not all(a.flags.c_contiguous for a in arrays):
            yield param, grad, state, self._scratch(param.dtype, param.size).reshape(param.shape)
            return
        p, g, *values = [a.reshape(-1) for a in [param, np.ascontiguousarray(grad), *arrays[1:]]]
        work = self._scratch(param.dtype, self._chunk)
        for start in range(0, param.size, self._chunk):
            piece = slice(start, start + self._chunk)
            state_piece = {key: v[piece] for key, v in zip(state, values, strict=True)}
            yield p[piece], g[piece], state_piece, work[: p[piece].size]

    def _scratch(self, dtype, size):
        """A scratch array of ``size`` elements, kept between steps (one per dtype)."""
        work = self._work.get(dtype)
        if work is None or work.size < size:
            work = self._work[dtype] = np.empty(size, dtype)
        return work[:size]

    @staticmethod
    def _describe(layout) -> str:
        arrays = ", ".join(f"{shape} {dtype}" for shape, dtype in layout)
        return f"{len(layout)} array(s) [{arrays}]"

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={_plain(getattr(self, name))!r}" for name in self._names)
        return f"{type(self).__name__}({args})"

    def _check_hyperparameters(self) -> None:
        raise NotImplementedError

    def _init_state(self, param: np.ndarray) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, work: np.ndarray) -> None:
        raise NotImplementedError
