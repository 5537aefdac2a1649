"""Build the restorer's shipped model, ``src/chitieu/text/restore/restorer.json.gz``.

Language counts from our own texts (``data/restore/texts``), the province's clean documents
(``../shared/corpus`` when present) and the catalogue's names; channel counts from our own
texts wrecked by the generator, each in the scan style its name picks (OCR'd once, then cached);
the inventory from the word lists (``data/restore/words``) and the texts; then the candidates of
the common wrecked forms (every syllable's bare letters, the tokens our wrecks write twice or
more), ranked by the restorer these counts make.

    .venv/bin/python scripts/build-restore-model.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from chitieu.text.restore.model import (
    MODEL_FILE,
    build_inventory,
    common_wrecked_forms,
    corpus_texts,
    own_text_counts,
    restorer_from,
    save,
    shared_counts,
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
    own = own_text_counts(ROOT)
    counts = total([shared_counts(args.shared), *(part for _, part in own)])
    inventory = build_inventory(word_lists(ROOT), counts.language)
    wrecks = [wreck_cached(path.read_text(encoding="utf-8"), style_for(path)).wrecked for path, _ in own]
    forms = common_wrecked_forms(inventory.syllables, wrecks)
    ranked = restorer_from(counts, inventory).rankings(forms)
    target = ROOT / "src" / "chitieu" / "text" / "restore" / MODEL_FILE
    save(target, counts, inventory, ranked)
    print(
        f"{target.relative_to(ROOT)}: {target.stat().st_size / 1024:.0f} KiB; {len(own)} own texts, "
        f"{len(corpus_texts(args.shared))} corpus documents; {len(counts.language.bigrams)} bigrams, "
        f"{len(counts.channel.pairs)} channel segments, {len(inventory.syllables)} syllables, "
        f"{len(inventory.compounds)} compounds, {len(ranked)} wrecked forms ranked; "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
