"""`chitieu report --charts DIR` exports the report's charts as PNG and SVG files."""

from pathlib import Path

from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.demo import load_samples


def test_charts_are_exported_next_to_the_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    load_samples(db)
    charts = tmp_path / "bieu-do"
    result = CliRunner().invoke(
        app, ["report", "--year", "2024", "--db", db, "-o", str(tmp_path / "bc.docx"), "--charts", str(charts)]
    )
    assert result.exit_code == 0, result.output
    pngs = sorted(p.name for p in charts.glob("*.png"))
    svgs = sorted(p.name for p in charts.glob("*.svg"))
    assert pngs and [n.removesuffix(".png") for n in pngs] == [n.removesuffix(".svg") for n in svgs]
    assert all((charts / n).read_bytes().startswith(b"\x89PNG") for n in pngs)
    assert all(b"<svg" in (charts / n).read_bytes()[:2000] for n in svgs)
