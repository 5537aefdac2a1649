"""Time to write each report format for a synthetic province of 400 indicators.

Run: .venv/bin/python benchmarks/report.py [indicators]
Prints one line per format: seconds (best of N runs) and the file size.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from chitieu.report import FORMATS, write_report
from chitieu.report.sample import synthetic_report


def main() -> None:
    indicators = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    report = synthetic_report(indicators)
    tasks = len(report.tasks)
    print(f"synthetic province: {indicators} indicators in {len(report.groups)} groups, {tasks} tasks, "
          f"{len(report.chart_indicators)} indicator charts; best of {runs} runs")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            best = float("inf")
            path = Path(folder) / f"report.{fmt}"
            for _ in range(runs):
                start = time.perf_counter()
                write_report(report, fmt, path)
                best = min(best, time.perf_counter() - start)
            print(f"{fmt:5s} {best:7.2f} s  {path.stat().st_size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
