"""The ``chitieu`` command line. Messages for users are Vietnamese; errors are one line on stderr."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chitieu.errors import ChitieuError
from chitieu.web.commands import serve, user_app

app = typer.Typer(
    name="chitieu",
    help="Đọc, liên kết và đánh giá chỉ tiêu, kết quả và nhiệm vụ phát triển kinh tế - xã hội của tỉnh.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Địa chỉ cơ sở dữ liệu SQLAlchemy (mặc định: CHITIEU_DB hoặc tệp SQLite của người dùng)."),
]


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit non-zero."""
    err_console.print(f"[bold red]Lỗi:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def user_errors(func: F) -> F:
    """Turn a user's mistake (``ChitieuError``) into a one-line message instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ChitieuError as exc:
            fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        except KeyboardInterrupt:
            fail("đã dừng theo yêu cầu.", 130)

    return wrapper  # type: ignore[return-value]


def _existing_file(path: Path) -> Path:
    from chitieu.errors import UnreadableDocument

    if not path.exists():
        raise UnreadableDocument(f"không tìm thấy tệp: {path}")
    if path.is_dir():
        raise UnreadableDocument(f"{path} là một thư mục, không phải tệp văn bản")
    return path


@app.command()
@user_errors
def text(file: Annotated[Path, typer.Argument(help="Tệp văn bản: txt, md, docx, pdf, ảnh quét.")]) -> None:
    """In văn bản đã chuẩn hóa của một tài liệu (mọi vị trí nguồn đều tính theo văn bản này)."""
    from chitieu.pipeline import read_document

    doc = read_document(_existing_file(file))
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")


@app.command()
@user_errors
def extract(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản cần trích xuất.")],
    as_json: Annotated[bool, typer.Option("--json", help="Mỗi dòng một đối tượng JSON.")] = False,
) -> None:
    """Trích xuất chỉ tiêu, kết quả, nhiệm vụ và dòng bảng đánh giá từ một tài liệu."""
    from chitieu.pipeline import extract_facts, read_document

    doc = read_document(_existing_file(file))
    facts = extract_facts(doc)
    if as_json:
        for fact in facts:
            sys.stdout.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{doc.name}: {len(facts)} dữ kiện")
    for col in ("Loại", "Chỉ tiêu", "Giá trị", "Đơn vị", "Kỳ"):
        table.add_column(col)
    from chitieu.extract.quantities import format_number

    for fact in facts:
        value = "" if fact.value is None else format_number(fact.value)
        if fact.value_high is not None:
            value += f"–{format_number(fact.value_high)}"
        if fact.comparator and fact.comparator not in {"=", "range"}:
            value = f"{fact.comparator} {value}"
        table.add_row(fact.kind, fact.label, value, fact.unit or "", fact.period.label if fact.period else "")
    console.print(table)


@app.command()
@user_errors
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Một hoặc nhiều tệp văn bản.")],
    db: DbOption = None,
) -> None:
    """Lưu tài liệu và các dữ kiện của chúng vào cơ sở dữ liệu (mỗi tài liệu một giao dịch)."""
    from chitieu.pipeline import extract_facts, read_document
    from chitieu.store.db import session_scope
    from chitieu.store.documents import store_document

    failures = 0
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,  # a pipe or log gets only the one-line results
    ) as progress:
        task = progress.add_task("Đang nạp tài liệu", total=len(files))
        for file in files:
            progress.update(task, description=f"Đang đọc {file.name}")
            try:
                doc = read_document(_existing_file(file))
                extract_facts(doc)
                with session_scope(db) as session:
                    result = store_document(session, doc)
            except ChitieuError as exc:
                failures += 1
                progress.console.print(
                    f"[bold red]Lỗi:[/] {file.name}: {str(exc).splitlines()[0]}", highlight=False, soft_wrap=True
                )
            else:
                if result.created:
                    progress.console.print(
                        f"[green]Đã lưu[/] {file.name}: {result.facts} dữ kiện (mã tài liệu {result.document_id})",
                        highlight=False,
                    )
                else:
                    progress.console.print(f"[yellow]Đã có[/] {file.name}: nội dung này đã được lưu trước đó", highlight=False)
            progress.advance(task)
    if failures:
        raise typer.Exit(1)


@app.command()
@user_errors
def docs(db: DbOption = None) -> None:
    """Bảng các tài liệu đã lưu, với siêu dữ liệu và điểm chất lượng văn bản."""
    from sqlalchemy import func, select

    from chitieu.store import models
    from chitieu.store.db import session_scope

    table = Table(title="Tài liệu đã lưu")
    for col in ("Mã", "Tệp", "Loại", "Số, ký hiệu", "Cơ quan ban hành", "Ngày", "Kỳ", "Dữ kiện", "Chất lượng"):
        table.add_column(col)
    with session_scope(db) as session:
        counts = dict(
            session.execute(select(models.Fact.document_id, func.count()).group_by(models.Fact.document_id)).all()
        )
        for row in session.scalars(select(models.Document).order_by(models.Document.id)):
            table.add_row(
                str(row.id),
                row.name,
                row.doc_type or "",
                row.number or "",
                row.issuer or "",
                row.issued_on.strftime("%d/%m/%Y") if row.issued_on else (row.issued_text or ""),
                row.period_label or "",
                str(counts.get(row.id, 0)),
                f"{row.quality:.2f}",
            )
    console.print(table)


app.add_typer(user_app, name="user")
app.command("serve")(user_errors(serve))


from chitieu.evaluate.cli import evaluate_command  # noqa: E402

app.command("evaluate")(evaluate_command)

from chitieu.demo import demo_command  # noqa: E402
from chitieu.report.cli import report_command  # noqa: E402

app.command("report")(report_command)

app.command("demo")(user_errors(demo_command))


from chitieu.catalog.cli import catalog_app  # noqa: E402

app.add_typer(catalog_app, name="catalog")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
