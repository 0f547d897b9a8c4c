"""bench/ablation_data.py's code ablation: a commit's reverse diff, applied to a copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench import ablation_data
from bench.ablation_data import apply_patch, revert_patch

PATCH = """--- a/rules.txt
+++ b/rules.txt
@@ -1,2 +1,1 @@
 keep
-drop
"""


def test_a_patch_is_applied_to_the_copy(tmp_path: Path) -> None:
    (tmp_path / "rules.txt").write_text("keep\ndrop\n", encoding="utf-8")
    apply_patch(tmp_path, PATCH)
    assert (tmp_path / "rules.txt").read_text(encoding="utf-8") == "keep\n"


def test_a_patch_that_does_not_apply_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rules.txt").write_text("other\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="does not apply"):
        apply_patch(tmp_path, PATCH)
    assert (tmp_path / "rules.txt").read_text(encoding="utf-8") == "other\n"  # untouched


def _commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", message], cwd=repo, check=True)


def test_the_reverse_of_a_commit_leaves_out_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _commit(tmp_path, {"rules.py": "A = 1\n", "tests/test_rules.py": "x = 1\n"}, "first")
    _commit(tmp_path, {"rules.py": "A = 2\n", "tests/test_rules.py": "x = 2\n"}, "rule")
    monkeypatch.setattr(ablation_data, "ROOT", tmp_path)
    patch = revert_patch("HEAD")
    assert "a/rules.py" in patch and "tests/" not in patch
    assert "-A = 2" in patch and "+A = 1" in patch  # the reverse: back to the parent
    assert "tests/test_rules.py" in revert_patch("HEAD:tests/test_rules.py")  # named paths
    _commit(tmp_path, {"tests/test_rules.py": "x = 3\n"}, "a test only")
    with pytest.raises(ValueError, match="only tests"):
        revert_patch("HEAD")
