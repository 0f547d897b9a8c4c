"""What every feature of a question shares (Answerer.context), on the test corpus: the
weight of each term, lowered for aspect words and for terms carried over from an
earlier question."""

from __future__ import annotations

import pytest


def test_aspect_words_and_carried_terms_weigh_less(service) -> None:  # type: ignore[no-untyped-def]
    answerer = service.answerer
    cfg = answerer.config
    q = answerer.analyse("青山古镇有什么特点？")
    ctx = answerer.context(q)
    weights = dict(zip(ctx.terms, ctx.all_weights, strict=True))
    own = dict(zip(ctx.terms, ctx.weights, strict=True))
    # 古镇 is a word of the corpus: its IDF weight, in full
    assert own["古镇"] == pytest.approx(answerer.weights.seen_weight(("古镇",)))
    assert own["古镇"] > 0
    # 特点 is an aspect word the corpus never uses: the unseen weight, times aspect_weight
    assert own["特点"] == 0.0
    assert weights["特点"] == pytest.approx(cfg.unseen_weight * cfg.aspect_weight)
    # a follow-up carries the earlier question's terms at context_weight
    follow = answerer.analyse("那滨河公园呢？", history=["青山古镇有什么特点？"])
    carried = answerer.context(follow)
    by_term = dict(zip(carried.terms, carried.weights, strict=True))
    assert by_term["古镇"] == pytest.approx(own["古镇"] * cfg.context_weight)
