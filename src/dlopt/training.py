r"""A minimal training loop: mini-batch gradient steps, with the losses written down.

:func:`fit` runs, for every epoch, one pass of :func:`dlopt.data.minibatches` and for
every mini-batch :math:`B_t` one optimizer step

.. math::
    \eta_t = \text{schedule}(t), \qquad
    \theta_{t+1} = \text{optimizer.step}\bigl(\theta_t,\ \nabla_\theta L_{B_t}(\theta_t)\bigr),

where :math:`t` counts optimizer steps over all epochs. It records the loss on every
mini-batch and on the full training (and validation) set after every epoch.

A run that blows up is a result, not an error: as soon as a loss is not finite
(``inf`` or ``nan``) or exceeds ``max_loss``, :func:`fit` stops and sets
``History.diverged``, as :func:`dlopt.trajectory` does. (With the mean squared
error a too-large learning rate overflows within a few dozen steps. The
cross-entropy, computed stably, grows only linearly in the logits, so there a
too-large learning rate shows up as a huge but finite loss: ``max_loss`` catches it.)

>>> from dlopt.data import two_moons
>>> from dlopt.nn import MLP
>>> from dlopt.optim import SGD
>>> X, y = two_moons(n_samples=100, seed=0)
>>> history = fit(MLP([2, 8, 2], seed=0), SGD(lr=0.5), X, y, epochs=20, batch_size=10)
>>> len(history.train_loss), len(history.batch_loss), history.diverged
(21, 200, False)
>>> history.train_loss[-1] < history.train_loss[0]
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from dlopt._checks import check_positive_int
from dlopt.data import minibatches

__all__ = ["History", "fit"]


@dataclass
class History:
    """What happened during :func:`fit`.

    Attributes
    ----------
    train_loss
        Loss on the full training set, one entry per epoch; ``train_loss[0]`` is
        before training, ``train_loss[e]`` after epoch ``e``.
    val_loss
        The same on the validation set, or ``None`` when no validation set was given.
    batch_loss
        The mini-batch loss at every optimizer step (measured before the step).
    lr
        The learning rate used at every optimizer step.
    diverged
        ``True`` when training stopped early because a loss became ``inf``, ``nan``
        or larger than ``max_loss``.

    >>> History(train_loss=[1.0, 0.5])
    History(train_loss=[1.0, 0.5], val_loss=None, batch_loss=[], lr=[], diverged=False)
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] | None = None
    batch_loss: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    diverged: bool = False


def fit(
    model,
    optimizer,
    X,
    y,
    *,
    epochs: int,
    batch_size: int,
    loss: str = "cross_entropy",
    X_val=None,
    y_val=None,
    schedule=None,
    seed: int = 0,
    max_loss: float = 1e6,
) -> History:
    r"""Train ``model`` with ``optimizer`` on ``(X, y)`` for ``epochs`` passes of mini-batches.

    Parameters
    ----------
    model
        Anything with ``params`` (a list of arrays) and
        ``loss_and_grads(X, y, loss) -> (float, grads)``, e.g. :class:`dlopt.nn.MLP`.
    optimizer
        An optimizer from :mod:`dlopt.optim`; ``optimizer.step(model.params, grads)``
        updates the parameters in place.
    X, y
        Training data, one sample per row.
    epochs
        Number of passes over the training data (a positive integer).
    batch_size
        Samples per mini-batch, 1..n (the last batch of an epoch may be smaller).
    loss
        ``"cross_entropy"``, ``"mse"`` or ``"binary_cross_entropy"`` (see :mod:`dlopt.nn`).
    X_val, y_val
        Optional validation set (give both or neither); its loss is recorded per epoch.
    schedule
        Optional learning-rate schedule ``t -> lr`` (see :mod:`dlopt.schedules`); before
        step :math:`t` (counted from 0 over all epochs) ``optimizer.lr = schedule(t)``.
        Without it the optimizer's own ``lr`` is used throughout.
    seed
        Seeds the shuffling: epoch :math:`e` uses ``minibatches(..., seed=s_e)`` with
        :math:`s_0, s_1, \dots` drawn from ``np.random.default_rng(seed)``, so two runs with
        the same arguments (and freshly built model and optimizer) are identical.
    max_loss
        A loss above this value (or a non-finite one) stops training as diverged.

    Returns
    -------
    History
        The recorded losses and learning rates; see :class:`History`.

    >>> from dlopt.data import linear_regression
    >>> from dlopt.nn import MLP
    >>> from dlopt.optim import SGD
    >>> from dlopt.schedules import step_decay
    >>> X, y, w, b = linear_regression(n_samples=40, seed=0)
    >>> history = fit(MLP([1, 1]), SGD(lr=0.1), X, y, epochs=3, batch_size=20,
    ...               loss="mse", schedule=step_decay(0.1, step_size=2, gamma=0.5))
    >>> history.lr
    [0.1, 0.1, 0.05, 0.05, 0.025, 0.025]
    >>> wild = fit(MLP([1, 1]), SGD(lr=100.0), X, y, epochs=50, batch_size=20, loss="mse")
    >>> wild.diverged, len(wild.train_loss) < 51
    (True, True)
    """
    epochs = int(check_positive_int("epochs", epochs))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if (X_val is None) != (y_val is None):
        raise ValueError(
            "X_val and y_val must be given together or not at all, got "
            f"X_val={'None' if X_val is None else 'an array'} and "
            f"y_val={'None' if y_val is None else 'an array'}"
        )
    if not max_loss > 0:
        raise ValueError(f"max_loss must be a positive number, got {max_loss!r}")
    if schedule is not None and not callable(schedule):
        raise ValueError(f"schedule must be a function step -> lr or None, got {schedule!r}")

    def blown_up(value: float) -> bool:
        return not (math.isfinite(value) and value <= max_loss)

    def full_loss(X_, y_) -> float:
        return float(model.loss_and_grads(X_, y_, loss)[0])

    history = History(val_loss=None if X_val is None else [])
    # Epoch 0: the losses before training. This also checks X, y and loss before any step.
    history.train_loss.append(full_loss(X, y))
    if history.val_loss is not None:
        history.val_loss.append(full_loss(X_val, y_val))

    epoch_seeds = np.random.default_rng(seed).integers(0, 2**31, size=epochs)
    step = 0
    # A diverging run overflows on purpose; the non-finite loss is detected below.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch_seed in epoch_seeds:
            for X_batch, y_batch in minibatches(X, y, batch_size, seed=int(epoch_seed)):
                if schedule is not None:
                    optimizer.lr = schedule(step)
                batch_loss, grads = model.loss_and_grads(X_batch, y_batch, loss)
                history.batch_loss.append(float(batch_loss))
                history.lr.append(float(optimizer.lr))
                if blown_up(batch_loss):
                    history.diverged = True
                    return history
                optimizer.step(model.params, grads)
                step += 1

            history.train_loss.append(full_loss(X, y))
            if history.val_loss is not None:
                history.val_loss.append(full_loss(X_val, y_val))
            if blown_up(history.train_loss[-1]):
                history.diverged = True
                return history
    return history
