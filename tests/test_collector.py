"""The cyclic collector is paused while a document is read, and left as it was after."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from chitieu.collector import collector_paused
from chitieu.pipeline import extract_facts, read_document


@pytest.fixture()
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_caller_that_had_it_off_keeps_it_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_it_comes_back_after_an_error(collector_on: None) -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_overlapping_pauses_end_with_it_on(collector_on: None) -> None:
    outer, inner = collector_paused(), collector_paused()
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)  # a server's two threads, the first to start ending first
    inner.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_document_is_read_with_it_paused_and_loaded_with_it_on(
    collector_on: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chitieu.extract.router
    import chitieu.pipeline

    on_while: dict[str, bool] = {}

    def watched(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            on_while[name] = gc.isenabled()
            return step(*args, **kwargs)

        return run

    for module, name in [(chitieu.pipeline, "load"), (chitieu.pipeline, "normalize"),
                         (chitieu.pipeline, "restorations"), (chitieu.extract.router, "extract_all")]:
        monkeypatch.setattr(module, name, watched(name, getattr(module, name)))
    path = tmp_path / "bao_cao.txt"
    path.write_text("Tỷ lệ hộ nghèo năm 2024 giảm còn 18,5%, vượt kế hoạch.\n" * 50, encoding="utf-8")
    doc = read_document(path)
    extract_facts(doc)
    assert on_while == {"load": True, "normalize": False, "restorations": False, "extract_all": False}
    assert gc.isenabled()
    assert doc.facts


def test_restoring_a_wrecked_text_pauses_it(collector_on: None) -> None:
    from chitieu.text.restore.reading import restorations

    wrecked = "Nam 2024 Pang bo tinh da lanh dao thuc hien dat va vuot nhieu chi tieu ke hoach de ra.\n" * 50
    started: list[int] = []
    thresholds = gc.get_threshold()
    gc.set_threshold(1)
    gc.callbacks.append(lambda phase, info: started.append(info["generation"]) if phase == "start" else None)
    try:
        found = restorations(wrecked)
    finally:
        gc.callbacks.pop()
        gc.set_threshold(*thresholds)
    assert gc.isenabled()
    assert len(started) < 100
    assert any(r.text == "Đảng" for r in found)
