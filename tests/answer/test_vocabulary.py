"""The answer stage's vocabulary files are well-formed: synonyms.tsv and framing.txt."""

from __future__ import annotations

from answer.analyse import DATA, framing_words, synonyms

# Words so common in government documents that, as a synonym form (matched as a
# substring of a sentence), they would match almost every sentence.
OVER_COMMON = frozenset("建设 工作 服务 发展 提升 推进 城市 管理 加强 项目".split())


def _entries(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _synonym_lines() -> list[tuple[str, list[str]]]:
    out = []
    for line in _entries("synonyms.tsv"):
        assert "\t" in line, f"no tab: {line!r}"
        term, _, forms = line.partition("\t")
        out.append((term, forms.split(",")))
    return out


def test_synonym_lines_are_well_formed() -> None:
    for term, forms in _synonym_lines():
        assert term.strip() and term == term.strip(), f"bad term: {term!r}"
        assert "\t" not in ",".join(forms), f"second tab: {term}"
        for form in forms:
            assert form.strip() and form == form.strip(), f"empty or padded form: {term}"
        assert len(forms) == len(set(forms)), f"repeated form: {term}"


def test_no_duplicate_keys() -> None:
    # keys are lower-cased when read, so GDP and gdp are the same key
    keys = [term.lower() for term, _ in _synonym_lines()]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"duplicate keys: {dupes}"


def test_no_form_equals_its_key() -> None:
    bad = [t for t, forms in _synonym_lines() if t.lower() in {f.lower() for f in forms}]
    assert not bad, f"form equal to its key: {bad}"


def test_no_over_common_form() -> None:
    bad = [(t, f) for t, forms in _synonym_lines() for f in forms if f in OVER_COMMON]
    assert not bad, f"over-common forms: {bad}"


def test_framing_words_are_not_synonym_keys() -> None:
    assert not framing_words() & set(synonyms()), framing_words() & set(synonyms())


def test_framing_words_do_not_hide_inside_synonym_keys() -> None:
    # framing words are cut out of the question text before tokenising, so one
    # inside a key would keep that key from ever being matched
    bad = [(w, k) for w in framing_words() if len(w) > 1 for k in synonyms() if w in k]
    assert not bad, f"framing word inside a synonym key: {bad}"


def test_framing_lines_are_single_words() -> None:
    for word in _entries("framing.txt"):
        assert word == word.strip() and not any(c.isspace() for c in word), repr(word)
    words = _entries("framing.txt")
    assert len(words) == len(set(words)), "repeated framing word"


def test_a_dog_is_the_documents_dog() -> None:
    """养狗, 狗证: rules on dogs say 犬 (养犬管理办法, 犬只登记)."""
    from answer.analyse import expand

    assert "养犬" in expand("养狗") and "犬" in expand("狗")
