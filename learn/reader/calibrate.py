"""Platt scaling: ``p = sigmoid(a * logit + b)`` fitted by Newton's method on log-loss.

Newton starts from the constant model (``a = 0``, ``b`` = the log-odds of the base
rate), where the Hessian is well conditioned, and every step is shortened until the
loss falls: a full step from a steep start overshoots when the logits are far apart.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def _loss(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    z = X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def fit_platt(logits: ArrayLike, labels: ArrayLike, iterations: int = 100) -> tuple[float, float]:
    """(a, b) minimising the mean log-loss of ``sigmoid(a * logit + b)`` against ``labels``."""
    x = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if not len(x) or y.min() == y.max():
        raise ValueError("calibration needs both positive and negative examples")
    X = np.stack([x, np.ones_like(x)], axis=1)
    rate = y.mean()
    w = np.array([0.0, np.log(rate / (1 - rate))])
    loss = _loss(X, y, w)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) / len(y)
        hess = (X * (p * (1 - p))[:, None]).T @ X / len(y) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-6 and _loss(X, y, w - t * step) > loss:
            t /= 2
        w = w - t * step
        new = _loss(X, y, w)
        if loss - new < 1e-12:
            break
        loss = new
    return float(w[0]), float(w[1])


def log_loss(probabilities: ArrayLike, labels: ArrayLike) -> float:
    p = np.clip(np.asarray(probabilities, dtype=np.float64), 1e-12, 1 - 1e-12)
    y = np.asarray(labels, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
