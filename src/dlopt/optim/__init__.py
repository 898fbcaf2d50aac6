r"""Optimizers: SGD, Adagrad, RMSprop, Adadelta, Adam and AdamW, in numpy.

Each optimizer reproduces the algorithm of its :mod:`torch.optim` namesake (same
argument names and defaults, same checks, same numbers: the test suite compares
them over hundreds of steps to a relative error below :math:`10^{-9}`), but takes
numpy arrays. The update is written so that it reads like its equation.

Usage: create the optimizer with its hyper-parameters, then call
``opt.step(params, grads)`` once per iteration. ``params`` (one float array or a
list of them) is updated in place and returned.

>>> import numpy as np
>>> from dlopt.optim import Adam
>>> w, b = np.array([1.0, -1.0]), np.array(0.5)     # two parameters
>>> opt = Adam(lr=0.1)
>>> for _ in range(50):
...     w, b = opt.step([w, b], [2 * w, 2 * b])     # gradient of |w|^2 + b^2
>>> float(np.abs(w).max()) < 0.1, opt.t
(True, 50)
"""

from dlopt.optim.adadelta import Adadelta
from dlopt.optim.adagrad import Adagrad
from dlopt.optim.adam import Adam
from dlopt.optim.adamw import AdamW
from dlopt.optim.base import Optimizer
from dlopt.optim.rmsprop import RMSprop
from dlopt.optim.sgd import SGD

__all__ = ["SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop"]
