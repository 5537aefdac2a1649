"""How fast restoration is, on one core: the archive's scan and wrecks of our documents, beside clean copies.

Printed per document, the clean copy's figure beside the wrecked copy's:

* restoration in process (the model already loaded, nothing memoised: best of three fresh
  processes): seconds and KB/s — a clean copy only pays the check that finds nothing to
  restore, and comes out identical;
* ``chitieu text`` and ``chitieu text --restored`` end to end, as a user runs them (a fresh
  process each, best of three, the modules' bytecode kept as an install keeps it) with the
  process's peak memory;

then the model's load time. The process is pinned to one core. Wrecks of our documents come
from ``chitieu.text.restore.wreck`` (cached under ``~/.cache/chitieu/wrecks``; the first run
makes them). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/restore_speed.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHITIEU = Path(sys.executable).parent / "chitieu"
# A user's install keeps the compiled bytecode of chitieu's modules after the first run; a
# shell that forbids writing it (PYTHONDONTWRITEBYTECODE) would make every run compile them again.
USER_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
# Our own longest texts of three genres (data/restore/texts), each wrecked in the style its name picks.
OWN = ["bao_cao_nam_1.txt", "nghi_quyet_1.txt", "bao_cao_chinh_tri_2.txt"]


# Restores one file in a fresh process, its model loaded first, and prints the seconds and
# whether anything was restored: the first call, with nothing memoised from an earlier one.
_RESTORE_ONCE = """
import sys, time
from pathlib import Path
from chitieu.text.restore.model import shipped_restorer
from chitieu.text.restore.reading import restorations
shipped_restorer()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
start = time.perf_counter()
found = restorations(text)
print(time.perf_counter() - start, int(bool(found)))
"""


def in_process(path: Path) -> tuple[float, bool]:
    """(best seconds of three fresh processes to restore ``path``'s text, whether anything was restored)."""
    best, restored = float("inf"), False
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", _RESTORE_ONCE, str(path)], capture_output=True, text=True, check=True, env=USER_ENV
        ).stdout.split()
        best, restored = min(best, float(out[0])), out[1] == "1"
    return best, restored


def end_to_end(path: Path, *options: str) -> tuple[float, float]:
    """(best wall seconds of three ``chitieu text`` runs, the peak memory of a run in MiB)."""
    best, peak = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        child = subprocess.Popen([str(CHITIEU), "text", *options, str(path)], stdout=subprocess.DEVNULL, env=USER_ENV)
        _, status, usage = os.wait4(child.pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
        if status:
            raise SystemExit(f"chitieu text failed on {path}")
    return best, peak / 1024


def row(name: str, copy: str, text: str, path: Path) -> None:
    seconds, restored = in_process(path)
    plain, _ = end_to_end(path)
    reading, peak = end_to_end(path, "--restored")
    rate = len(text.encode()) / 1024 / seconds if seconds else float("inf")
    print(
        f"  {name:<36} {copy:<8} {len(text.encode()) / 1024:7.0f} {'yes' if restored else 'no':>8} "
        f"{seconds:8.2f} {rate:8.0f} {plain:8.2f} {reading:10.2f} {peak:8.0f}"
    )


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and its children
    start = time.perf_counter()
    from chitieu.text.restore.model import shipped_restorer

    shipped_restorer()
    print(f"restorer model loaded in {time.perf_counter() - start:.2f} s (one core)")
    print(
        f"  {'document':<36} {'copy':<8} {'KB':>7} {'restored':>8} {'restore s':>8} {'KB/s':>8} "
        f"{'text s':>8} {'--restored s':>10} {'peak MiB':>8}"
    )
    from chitieu.text.restore.model import style_for
    from chitieu.text.restore.wreck import wreck_cached

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = SHARED / "corpus" / "wrecked" / "003_8ff477bdec1c364d.txt"
        if archive.exists():
            row(archive.name, "wrecked", archive.read_text(encoding="utf-8"), archive)
        for clean in sorted((SHARED / "corpus").glob("*.txt")):
            row(clean.name, "clean", clean.read_text(encoding="utf-8"), clean)
        for name in OWN:
            source = ROOT / "data" / "restore" / "texts" / name
            clean_text = source.read_text(encoding="utf-8")
            style = style_for(source)
            wrecked = folder / f"{source.stem}_{style.name}.txt"
            wrecked.write_text(wreck_cached(clean_text, style).wrecked, encoding="utf-8")
            row(source.name, "clean", clean_text, source)
            row(source.name, style.name, wrecked.read_text(encoding="utf-8"), wrecked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
