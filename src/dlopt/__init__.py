"""dlopt — the optimizer library of the textbook "Optimization in Deep Learning".

Every figure and code listing of the book comes from this package. It is small on
purpose: each optimizer in :mod:`dlopt.optim` reads like its update rule and is
tested against :mod:`torch.optim` to a relative error below 1e-9.

Modules
-------
- :mod:`dlopt.optim` — SGD (with momentum and Nesterov), Adagrad, RMSprop, Adadelta, Adam, AdamW.
- :mod:`dlopt.clipping` — gradient clipping by total norm or by value, as torch does it.
- :mod:`dlopt.averaging` — SWA and EMA averages of the parameters along a run.
- :mod:`dlopt.losses` — mean squared error, cross-entropy and their gradients.
- :mod:`dlopt.functions` — 2-D test surfaces (and one 1-D function) the book draws.
- :mod:`dlopt.schedules` — learning-rate schedules as functions of the step number.
- :mod:`dlopt.trajectory` — run an optimizer on a test surface and record its path.
- :mod:`dlopt.data` — seeded synthetic data sets and mini-batch iteration.
- :mod:`dlopt.nn` — a tiny multilayer perceptron with hand-written backpropagation.
- :mod:`dlopt.training` — a training loop that records train and validation loss.
- :mod:`dlopt.plotting` — the book's figure style, in one place.
- :mod:`dlopt.layout` — finds colliding text and legends over data in a drawn figure.
- :mod:`dlopt.report` — numbers a page quotes (glued), with the decimal sign of its language.

>>> import numpy as np
>>> from dlopt import SGD, trajectory
>>> from dlopt.functions import Quadratic
>>> run = trajectory(SGD(lr=0.1), Quadratic(condition=1.0), np.array([1.0, 1.0]), steps=3)
>>> run.path[-1].round(3).tolist()
[0.729, 0.729]
"""

from dlopt.averaging import AveragedParameters
from dlopt.clipping import clip_grad_norm, clip_grad_value
from dlopt.optim import SGD, Adadelta, Adagrad, Adam, AdamW, Optimizer, RMSprop
from dlopt.trajectory import Trajectory, trajectory

__all__ = [
    "AveragedParameters",
    "clip_grad_norm",
    "clip_grad_value",
    "SGD",
    "Adadelta",
    "Adagrad",
    "Adam",
    "AdamW",
    "Optimizer",
    "RMSprop",
    "Trajectory",
    "trajectory",
]
__version__ = "0.1.0"
