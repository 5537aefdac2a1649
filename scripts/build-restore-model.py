"""Build the restorer's shipped model, ``src/chitieu/text/restore/restorer.json.gz``.

Language counts from our own texts (``data/restore/texts``), the province's clean documents
(``../shared/corpus`` when present) and the catalogue's names; channel counts from our own
texts wrecked by the generator, each in the scan style its name picks (OCR'd once, then cached);
the inventory from the word lists (``data/restore/words``) and the texts.

    .venv/bin/python scripts/build-restore-model.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from chitieu.text.restore.model import (
    MODEL_FILE,
    build_inventory,
    catalogue_text,
    channel_counts,
    corpus_texts,
    language_counts,
    own_texts,
    save,
    style_for,
    total,
    word_lists,
)
from chitieu.text.restore.wreck import wreck_cached

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    started = time.perf_counter()
    texts = [path.read_text(encoding="utf-8") for path in own_texts(ROOT)]
    corpus = [path.read_text(encoding="utf-8") for path in corpus_texts(args.shared)]
    parts = [language_counts(text) for text in [*texts, *corpus, catalogue_text()]]
    for path, text in zip(own_texts(ROOT), texts, strict=True):
        made = wreck_cached(text, style_for(path))
        parts.append(channel_counts(made.clean, made.wrecked))
    counts = total(parts)
    inventory = build_inventory(word_lists(ROOT), counts.language)
    target = ROOT / "src" / "chitieu" / "text" / "restore" / MODEL_FILE
    save(target, counts, inventory)
    print(
        f"{target.relative_to(ROOT)}: {target.stat().st_size / 1024:.0f} KiB; {len(texts)} own texts, "
        f"{len(corpus)} corpus documents; {len(counts.language.bigrams)} bigrams, "
        f"{len(counts.channel.pairs)} channel segments, {len(inventory.syllables)} syllables, "
        f"{len(inventory.compounds)} compounds; {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
