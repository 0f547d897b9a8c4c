"""The `lixia-qa` command line: machine-readable output and exit codes."""

import json

import pytest

from app.cli import main
from lixia_qa.settings import get_settings


@pytest.fixture()
def cli_env(monkeypatch, settings, built):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LIXIA_MODEL", "hash")
    monkeypatch.setenv("LIXIA_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("LIXIA_CHUNK_SIZE", str(settings.chunk_size))
    monkeypatch.setenv("LIXIA_CHUNK_OVERLAP", str(settings.chunk_overlap))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_search_json(cli_env, capsys) -> None:
    assert main(["search", "新建幼儿园", "-k", "2", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert 1 <= len(hits) <= 2 and {"doc_id", "text", "start", "end"} <= set(hits[0])


def test_ask_prints_answer_then_sources(cli_env, capsys) -> None:
    assert main(["ask", "2024年计划实施多少个重点项目？"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("[1]") and "来源:" in out


def test_commitments_filters_by_unit(cli_env, capsys) -> None:
    assert main(["commitments", "--unit", "商务局", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["units"] for r in rows] == [["区商务局"]]


def test_bad_query_exits_2_with_message(cli_env, caplog) -> None:
    assert main(["ask", "   "]) == 2
    assert "为空" in caplog.text


def test_missing_index_exits_2_and_names_the_command(monkeypatch, tmp_path, caplog) -> None:
    monkeypatch.setenv("LIXIA_MODEL", "hash")
    monkeypatch.setenv("LIXIA_INDEX_DIR", str(tmp_path / "none"))
    get_settings.cache_clear()
    try:
        assert main(["search", "幼儿园"]) == 2
    finally:
        get_settings.cache_clear()
    assert "lixia-qa ingest" in caplog.text


def test_eval_exit_code_follows_thresholds(cli_env, tmp_path, capsys) -> None:
    questions = tmp_path / "q.jsonl"
    items = [
        {
            "id": "a",
            "question": "2024年计划实施多少个重点项目？",
            "type": "figure",
            "answers": ["60个"],
            "all_of": [],
            "doc_id": "news_2024.md",
            "evidence": "计划实施重点项目60个",
        },
        {
            "id": "b",
            "question": "糖醋鲤鱼怎么做",
            "type": "unanswerable",
            "answers": [],
            "all_of": [],
            "doc_id": None,
            "evidence": None,
        },
    ]
    questions.write_text(
        "\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8"
    )
    easy = tmp_path / "easy.json"
    easy.write_text(
        json.dumps(
            {
                "answer_accuracy": 0.5,
                "type_accuracy": 0.5,
                "abstention": 0.5,
                "false_abstention_max": 0.5,
                "citations_valid": 1.0,
                "hit@5": 0.0,
            }
        )
    )
    hard = tmp_path / "hard.json"
    hard.write_text(
        json.dumps(
            {
                "answer_accuracy": 1.01,
                "type_accuracy": 0.5,
                "abstention": 0.5,
                "false_abstention_max": 0.5,
                "citations_valid": 1.0,
                "hit@5": 0.0,
            }
        )
    )
    out = tmp_path / "m.json"
    assert (
        main(
            [
                "eval",
                "--questions",
                str(questions),
                "--thresholds",
                str(easy),
                "--json",
                str(out),
                "--plot",
                str(tmp_path / "c.png"),
            ]
        )
        == 0
    )
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["overall"]["answer_accuracy"] == 1.0 and metrics["failures"] == []
    assert (tmp_path / "c.png").stat().st_size > 0
    assert main(["eval", "--questions", str(questions), "--thresholds", str(hard)]) == 1


def test_eval_against_a_live_server(cli_env, settings, service, tmp_path) -> None:
    import socket
    import threading
    import time

    import uvicorn

    from server.api import create_api

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_api(settings, service=service),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        questions = tmp_path / "q.jsonl"
        questions.write_text(
            json.dumps(
                {
                    "id": "a",
                    "question": "旅游收入多少",
                    "type": "figure",
                    "answers": ["98亿元"],
                    "all_of": [],
                    "doc_id": "sub/culture_2022.txt",
                    "evidence": "实现旅游收入98亿元",
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        out = tmp_path / "m.json"
        code = main(
            [
                "eval",
                "--url",
                f"http://127.0.0.1:{port}",
                "--questions",
                str(questions),
                "--json",
                str(out),
            ]
        )
        assert json.loads(out.read_text(encoding="utf-8"))["overall"]["answer_accuracy"] == 1.0
        assert code == 0
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_train_reader_passes_its_options_to_the_training_command(monkeypatch) -> None:
    """``lixia-qa train-reader --run R --pack B`` and ``--help`` reach learn.reader_train
    whole, and -v before the command is still ours."""
    import learn.reader_train

    seen: list[list[str]] = []
    monkeypatch.setattr(learn.reader_train, "main", lambda argv: seen.append(argv) or 0)
    assert main(["train-reader", "--run", "runs/r1", "--pack", "runs/r1/bundle.pkl"]) == 0
    assert main(["-v", "train-reader", "--help"]) == 0
    assert main(["train-reader"]) == 0
    assert seen == [["--run", "runs/r1", "--pack", "runs/r1/bundle.pkl"], ["--help"], []]


def test_other_commands_still_refuse_unknown_options() -> None:
    with pytest.raises(SystemExit):
        main(["ask", "问题", "--no-such-option"])
