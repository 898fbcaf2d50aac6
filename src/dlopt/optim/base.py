r"""The base class every optimizer of :mod:`dlopt.optim` builds on.

An optimizer turns gradients into parameter updates. All of them share the same
bookkeeping, which lives here so that each optimizer file only has to state its
update rule:

- ``step(params, grads)`` accepts one float array or a list/tuple of them and
  updates them **in place**;
- everything is validated before anything changes, so a bad call leaves both
  the parameters and the optimizer state exactly as they were;
- ``state`` holds one dict per parameter: its own step count ``"step"`` and the
  optimizer's memory (e.g. a momentum buffer :math:`b_t` or the moments
  :math:`m_t, v_t`); ``t`` counts the calls of ``step``. A state array is created
  when a step first needs it (``opt.momentum = 0.9`` after a few steps works, as in
  torch). A gradient ``None`` skips its parameter for that step: its value, state
  and step count stay as they were;
- gradients are read as they were at :math:`\theta_{t-1}`, even when a gradient is
  (a view of) another parameter's array;
- updates are computed in place, with a scratch array ``work`` for temporaries
  (``np.multiply(lr, grad, out=work)`` is :math:`\eta g_t`): a float32 model stays
  float32 and a step allocates no new arrays of the parameters' size; large
  parameters are updated in cache-sized pieces (see ``Optimizer._pieces``).
  Half-precision (float16) parameters are updated in float32, with float32 state,
  and rounded to float16 once per step;
- hyper-parameters are plain attributes: ``opt.lr = 0.01`` between two steps is
  how a learning-rate schedule works. ``maximize=True`` (every optimizer has it)
  ascends: the update uses :math:`-g_t`, as in torch;
- ``state_dict()`` / ``load_state_dict()`` save and restore an optimizer (plain
  numbers and numpy arrays); ``copy.deepcopy`` and ``pickle`` work too.
"""

from __future__ import annotations

import bisect
import copy

import numpy as np
from numpy.lib.array_utils import byte_bounds

from dlopt._checks import as_param_list, check_bool, check_same_shapes


def _plain(value):
    """Turn numpy scalars (also inside tuples) into Python numbers, so they cannot upcast."""
    if isinstance(value, tuple | list):
        return tuple(_plain(v) for v in value)
    return value.item() if isinstance(value, np.generic) else value


def compute_dtype(dtype) -> np.dtype:
    """The dtype an update is computed in: float32 for float16 parameters, else their own."""
    dtype = np.dtype(dtype)
    return np.dtype(np.float32) if dtype == np.float16 else dtype


class Optimizer:
    r"""Base class: validation, parameter structure, ``state``, ``t``, checkpoints and ``repr``.

    A subclass passes its hyper-parameters as keyword arguments to
    ``Optimizer.__init__`` (they become attributes, in that order in ``repr``) and
    implements three methods:

    - ``_check_hyperparameters()`` raises :class:`ValueError` for invalid values;
    - ``_init_state(param)`` returns the initial state arrays of one parameter that
      its updates need under the current hyper-parameters. It is called again when a
      step needs an array the state lacks (only the missing arrays are added), so it
      must not depend on anything else; it may leave out an array that ``_update``
      creates itself on first use (``state["momentum_buffer"] = grad.copy()``);
    - ``_update(param, grad, state, work)`` applies one step to one parameter in
      place, **elementwise** (it may be handed a piece of a large parameter).
      ``grad`` has the dtype of ``param`` and must not be modified; ``work`` is a
      scratch array of the same shape and dtype with undefined contents (use it as
      ``out=``). The parameter's step number :math:`t` (starting at 1) is
      ``state["step"]``.

    A subclass may list in ``_state_names`` every state array it can create, so that
    ``load_state_dict`` can refuse a state of another optimizer.

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
    >>> opt, opt.t, opt.state
    (GradientDescent(lr=0.1), 1, [{'step': 1}])
    """

    _chunk = 2**18  # parameters larger than this are updated in pieces of this many elements
    _state_names: tuple[str, ...] | None = None  # every state array a subclass may create

    def __init__(self, **hyperparameters):
        self._names = tuple(hyperparameters)
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self._check_all()
        self.state: list[dict] = []
        self.t = 0
        self._layout: list[tuple] | None = None  # (shape, dtype) of each parameter
        self._work: dict[tuple, np.ndarray] = {}  # flat scratch arrays, by (use, dtype)

    def _check_all(self):
        if "maximize" in self._names:
            check_bool("maximize", self.maximize)
        self._check_hyperparameters()

    # ------------------------------------------------------------------------------- step

    def step(self, params, grads):
        """Update ``params`` in place with ``grads`` (same structure and shapes), return ``params``.

        A gradient may be ``None``: that parameter is left as it is, and so are its
        state and its step count ``state[i]["step"]``.

        Raises :class:`ValueError`, before changing anything, for an invalid
        hyper-parameter, parameter or gradient, or when the parameters' number,
        shapes or dtypes differ from those of the first step (or of the loaded state).
        """
        self._check_all()
        arrays, single = as_param_list(params)
        grads = check_same_shapes(arrays, grads, single)
        layout = [(p.shape, p.dtype) for p in arrays]
        if self._layout is None and self.state:  # a state assigned by hand: check it first
            self._check_state(self.state, layout, "state")
        elif self._layout is not None and layout != self._layout:
            raise ValueError(
                "params must keep the structure of the first step (or of the loaded state), "
                f"{self._describe(self._layout)}, got {self._describe(layout)}"
            )
        if not isinstance(self.t, int | np.integer) or isinstance(self.t, bool) or self.t < 0:
            raise ValueError(f"t must be a non-negative integer, got {self.t!r}")
        # Everything is valid: from here on we change the parameters and the state.
        for name in self._names:
            setattr(self, name, _plain(getattr(self, name)))
        if self._layout is None:
            self._layout = layout
            self.state = self.state or [{} for _ in arrays]
        self.t = int(self.t) + 1
        grads = self._as_read_before_the_step(arrays, grads)
        for param, grad, state in zip(arrays, grads, self.state, strict=True):
            if grad is None:
                continue
            state["step"] = int(state.get("step", 0)) + 1
            self._add_missing_state(param, state)
            for piece in self._pieces(param, grad, state):
                self._update(*piece)
        return params

    @staticmethod
    def _as_read_before_the_step(params, grads):
        """Copy every gradient whose memory overlaps a parameter's (``step([x, y], [y, x])``).

        The parameters are updated one after another, so such a gradient would
        otherwise be read after (part of) its array was already updated.
        """
        spans = sorted(byte_bounds(p) for p in params if p.size)
        starts = [lo for lo, _ in spans]
        highest_end = np.maximum.accumulate([hi for _, hi in spans]) if spans else []
        out = []
        for g in grads:
            if g is not None and g.size:
                lo, hi = byte_bounds(g)
                below = bisect.bisect_left(starts, hi)  # parameters that start before g ends
                if below and highest_end[below - 1] > lo:
                    g = g.copy()
            out.append(g)
        return out

    def _add_missing_state(self, param, state):
        """Create the state arrays the current hyper-parameters need and the state lacks."""
        dtype = compute_dtype(param.dtype)
        needed = self._init_state(np.empty(0, dtype))  # cheap: only the names matter
        if any(name not in state for name in needed):
            initial = self._init_state(param.astype(dtype))
            for name in needed:
                state.setdefault(name, initial[name])

    def _pieces(self, param, grad, state):
        """Yield ``(param, grad, state, work)``: the whole parameter, or cache-sized pieces.

        The update rules are elementwise, so they may be applied to consecutive pieces
        of a large (C-contiguous) parameter, its gradient and its state, with the same
        result bit for bit. The temporaries of a piece then stay in the CPU cache, which
        makes a step on millions of parameters about 1.5x faster
        (``benchmarks/bench_optim.py``). Here too the gradient is negated for
        ``maximize`` and a float16 parameter is computed in float32, piece by piece.
        """
        arrays = [param] + [v for v in state.values() if isinstance(v, np.ndarray)]
        if param.size <= self._chunk or not all(a.flags.c_contiguous for a in arrays):
            yield from self._computed(param, grad, state)
            return
        flat = {k: v.reshape(-1) if isinstance(v, np.ndarray) else v for k, v in state.items()}
        p, g = param.reshape(-1), np.ascontiguousarray(grad).reshape(-1)
        created = {}  # state arrays that _update creates on first use, piece by piece
        for start in range(0, param.size, self._chunk):
            piece = slice(start, start + self._chunk)
            state_piece = {k: v[piece] if isinstance(v, np.ndarray) else v for k, v in flat.items()}
            yield from self._computed(p[piece], g[piece], state_piece)
            for key in state_piece.keys() - flat.keys():
                created.setdefault(key, []).append(state_piece[key])
        for key, parts in created.items():
            state[key] = np.concatenate(parts).reshape(param.shape)

    def _computed(self, param, grad, state):
        """Yield the one ``(param, grad, state, work)`` that ``_update`` computes with."""
        dtype = compute_dtype(param.dtype)
        size, shape = param.size, param.shape
        if getattr(self, "maximize", False):
            grad = np.negative(grad, out=self._scratch("grad", dtype, size).reshape(shape))
        elif grad.dtype != dtype:
            grad = grad.astype(dtype)
        work = self._scratch("work", dtype, size).reshape(shape)
        if dtype == param.dtype:
            yield param, grad, state, work
        else:  # float16: compute in float32, round once
            wide = self._scratch("param", dtype, size).reshape(shape)
            np.copyto(wide, param)
            yield wide, grad, state, work
            np.copyto(param, wide, casting="same_kind")

    def _scratch(self, use, dtype, size):
        """A scratch array of ``size`` elements, kept between steps (one per use and dtype)."""
        work = self._work.get((use, dtype))
        if work is None or work.size < size:
            work = self._work[(use, dtype)] = np.empty(size, dtype)
        return work[:size]

    # ------------------------------------------------------------------- checkpoints

    def state_dict(self) -> dict:
        """A checkpoint: hyper-parameters, step count and state, as numbers and numpy arrays.

        The arrays are copies, so further steps do not change a saved checkpoint.
        ``load_state_dict`` on an optimizer of the same class restores it exactly.

        >>> from dlopt.optim import SGD
        >>> opt = SGD(lr=0.1, momentum=0.9)
        >>> x = np.array([1.0, 2.0])
        >>> _ = opt.step(x, x)
        >>> opt.state_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'optimizer': 'SGD', 'hyperparameters': {'lr': 0.1, 'momentum': 0.9, 'dampening': 0,
         'weight_decay': 0, 'nesterov': False, 'maximize': False}, 't': 1,
         'params': [{'shape': (2,), 'dtype': 'float64'}],
         'state': [{'step': 1, 'momentum_buffer': array([1., 2.])}]}
        """
        return {
            "optimizer": type(self).__name__,
            "hyperparameters": {name: _plain(getattr(self, name)) for name in self._names},
            "t": int(self.t),
            "params": None
            if self._layout is None
            else [{"shape": tuple(shape), "dtype": str(dtype)} for shape, dtype in self._layout],
            "state": [
                {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in s.items()}
                for s in self.state
            ],
        }

    def load_state_dict(self, state_dict: dict) -> None:
        """Restore a checkpoint of :meth:`state_dict` (copied, so the checkpoint stays as it is).

        Raises :class:`ValueError`, before changing anything, when it is not a
        checkpoint of this class, a hyper-parameter is invalid, or the state does not
        match the parameters it describes (number, shapes, dtypes). The next ``step``
        must get parameters of that structure.

        >>> from dlopt.optim import Adam
        >>> x = np.array([1.0, 2.0])
        >>> opt = Adam(lr=0.1)
        >>> _ = opt.step(x, x)
        >>> restored = Adam()
        >>> restored.load_state_dict(opt.state_dict())
        >>> restored.lr, restored.t
        (0.1, 1)
        >>> Adam().load_state_dict({**opt.state_dict(), "optimizer": "SGD"})
        Traceback (most recent call last):
        ...
        ValueError: state_dict['optimizer'] must be 'Adam' (a checkpoint of this class), got 'SGD'
        """
        keys = {"optimizer", "hyperparameters", "t", "params", "state"}
        if not isinstance(state_dict, dict) or set(state_dict) != keys:
            got = sorted(state_dict) if isinstance(state_dict, dict) else type(state_dict).__name__
            raise ValueError(f"state_dict must be a dict with keys {sorted(keys)}, got {got}")
        name = type(self).__name__
        if state_dict["optimizer"] != name:
            raise ValueError(
                f"state_dict['optimizer'] must be {name!r} (a checkpoint of this class), "
                f"got {state_dict['optimizer']!r}"
            )
        hyper = state_dict["hyperparameters"]
        if not isinstance(hyper, dict) or set(hyper) != set(self._names):
            got = sorted(hyper) if isinstance(hyper, dict) else hyper
            raise ValueError(
                f"state_dict['hyperparameters'] must have the keys {list(self._names)}, got {got}"
            )
        trial = copy.copy(self)  # validate the hyper-parameters without touching self
        for key, value in hyper.items():
            setattr(trial, key, value)
        trial._check_all()
        t = state_dict["t"]
        if isinstance(t, bool) or not isinstance(t, int | np.integer) or t < 0:
            raise ValueError(f"state_dict['t'] must be a non-negative integer, got {t!r}")
        layout = self._layout_of(state_dict["params"])
        state = state_dict["state"]
        if layout is None:
            if state != []:
                raise ValueError(
                    "state_dict['state'] must be [] when state_dict['params'] is None "
                    f"(no step taken), got {len(state)} entries"
                )
        else:
            self._check_state(state, layout, "state_dict['state']")
        # Valid: apply.
        for key, value in hyper.items():
            setattr(self, key, copy.deepcopy(value))
        self.t = int(t)
        self._layout = layout
        self.state = [
            {k: v.copy() if isinstance(v, np.ndarray) else int(v) for k, v in s.items()}
            for s in state
        ]

    @staticmethod
    def _layout_of(params):
        if params is None:
            return None
        try:
            return [(tuple(int(n) for n in p["shape"]), np.dtype(p["dtype"])) for p in params]
        except (TypeError, KeyError, ValueError):
            raise ValueError(
                "state_dict['params'] must be None or a list of {'shape': tuple, 'dtype': str}, "
                f"got {params!r}"
            ) from None

    def _check_state(self, state, layout, where):
        """Raise ValueError unless ``state`` is one state dict per parameter of ``layout``."""
        if not isinstance(state, list) or len(state) != len(layout):
            got = f"{len(state)} entries" if isinstance(state, list) else type(state).__name__
            raise ValueError(
                f"{where} must be a list of one dict per parameter ({len(layout)}), got {got}"
            )
        for i, (s, (shape, dtype)) in enumerate(zip(state, layout, strict=True)):
            if not isinstance(s, dict):
                raise ValueError(f"{where}[{i}] must be a dict, got {type(s).__name__}")
            step = s.get("step", 0)
            if isinstance(step, bool) or not isinstance(step, int | np.integer) or step < 0:
                raise ValueError(
                    f"{where}[{i}]['step'] must be a non-negative integer, got {step!r}"
                )
            want = compute_dtype(dtype)
            for key, value in s.items():
                if key == "step":
                    continue
                if self._state_names is not None and key not in self._state_names:
                    raise ValueError(
                        f"{where}[{i}] has an unknown entry {key!r}; "
                        f"{type(self).__name__} keeps {list(self._state_names)}"
                    )
                if (
                    not isinstance(value, np.ndarray)
                    or value.shape != tuple(shape)
                    or value.dtype != want
                ):
                    got = (
                        f"shape {value.shape} {value.dtype}"
                        if isinstance(value, np.ndarray)
                        else type(value).__name__
                    )
                    raise ValueError(
                        f"{where}[{i}][{key!r}] must be an array of shape {tuple(shape)} "
                        f"and dtype {want} (that of params[{i}]), got {got}"
                    )

    def __getstate__(self):
        """For ``copy.deepcopy`` and ``pickle``: everything except the scratch arrays."""
        attributes = self.__dict__.copy()
        attributes["_work"] = {}
        return attributes

    # ----------------------------------------------------------------------------- repr

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
