"""Platt scaling: ``p = sigmoid(a * logit + b)`` fitted by Newton's method on log-loss."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def fit_platt(logits: ArrayLike, labels: ArrayLike, iterations: int = 50) -> tuple[float, float]:
    """(a, b) minimising the mean log-loss of ``sigmoid(a * logit + b)`` against ``labels``."""
    x = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if not len(x) or y.min() == y.max():
        raise ValueError("calibration needs both positive and negative examples")
    X = np.stack([x, np.ones_like(x)], axis=1)
    w = np.array([1.0, 0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) / len(y)
        hess = (X * (p * (1 - p))[:, None]).T @ X / len(y) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def log_loss(probabilities: ArrayLike, labels: ArrayLike) -> float:
    p = np.clip(np.asarray(probabilities, dtype=np.float64), 1e-12, 1 - 1e-12)
    y = np.asarray(labels, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
