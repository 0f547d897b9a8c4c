"""bench/ablation_data.py's code ablation: a commit's reverse diff, applied to a copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.ablation_data import ROOT, apply_patch, revert_patch

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


def test_the_reverse_of_a_commit_leaves_out_tests() -> None:
    has_parent = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD^"], cwd=ROOT, capture_output=True
    )
    if has_parent.returncode:
        pytest.skip("a clone without the parent commit")
    changed = subprocess.run(
        ["git", "diff", "--name-only", "HEAD^", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    patch = revert_patch("HEAD")
    for name in changed:
        assert (f"a/{name}" in patch) == (not name.startswith("tests/")), name
    # only the paths named
    first = changed[0]
    assert revert_patch(f"HEAD:{first}").count("diff --git") == 1
