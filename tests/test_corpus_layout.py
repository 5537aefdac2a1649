"""The corpus helpers hand each test the kind of document it asks for."""

from __future__ import annotations

from corpus import CORPUS_DIR, WRECKED_DIR, clean, clean_documents, wrecked, wrecked_documents


def test_clean_documents_never_include_a_wrecked_one() -> None:
    documents = clean_documents()
    assert documents and all(path.parent == CORPUS_DIR for path in documents)
    assert not {path.name for path in documents} & {path.name for path in WRECKED_DIR.glob("*.txt")}


def test_wrecked_documents_come_from_the_wrecked_folder() -> None:
    assert all(path.parent == WRECKED_DIR for path in wrecked_documents())


def test_a_document_is_found_by_its_number_in_its_own_kind() -> None:
    assert clean("004").name.startswith("004_")
    assert wrecked("003").parent == WRECKED_DIR
