"""The ``chitieu`` command line. Messages for users are Vietnamese; errors are one line on stderr."""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from chitieu.console import DbOption, err_console, user_errors
from chitieu.errors import ChitieuError
from chitieu.web.commands import serve, user_app

try:  # Typer ≥ 0.2x carries its own copy of Click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older Typer on the click package
    from click import exceptions as click_exceptions  # type: ignore[no-redef]


def usage_message(exc: Any) -> str:
    """A Click usage error (unknown command or option, bad or missing value) in one Vietnamese line."""
    message = str(getattr(exc, "message", "") or exc)
    hint = ""
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if param is not None:
        hint = _param_hint(param)
    elif getattr(exc, "param_hint", None):
        raw_hint = exc.param_hint
        hint = raw_hint if isinstance(raw_hint, str) else " / ".join(repr(h) for h in raw_hint)
    if isinstance(exc, click_exceptions.NoSuchOption):
        text = f"không có tùy chọn {exc.option_name}"
        if exc.possibilities:
            text += f"; có phải ý bạn là {', '.join(sorted(exc.possibilities))}?"
    elif isinstance(exc, click_exceptions.MissingParameter):
        what = "tùy chọn" if getattr(param, "param_type_name", "") == "option" else "tham số"
        text = f"thiếu {what} {hint}".rstrip()
    elif isinstance(exc, click_exceptions.BadParameter):
        reason = "cần một số nguyên" if "integer" in message else message.rstrip(".")
        text = f"giá trị không hợp lệ cho {hint or 'tham số'}: {reason}"
    elif match := re.match(r"No such command '([^']+)'\.?(?: Did you mean (.+)\?)?", message):
        text = f"không có lệnh '{match.group(1)}'"
        if match.group(2):
            text += f"; có phải ý bạn là {match.group(2)}?"
    elif match := re.match(r"Option '(.+)' requires (?:an argument|\d+ arguments)", message):
        text = f"tùy chọn {match.group(1)} cần một giá trị"
    elif match := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", message):
        text = f"thừa tham số: {match.group(1)}"
    else:
        text = message
    if ctx is not None:
        text += f" (xem: {ctx.command_path} --help)"
    return " ".join(text.split())


def _param_hint(param: Any) -> str:
    """How the user typed (or should type) a parameter: ``FILE`` or ``'-o' / '--output'``."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name or "").upper()
    return " / ".join(f"'{opt}'" for opt in getattr(param, "opts", []) or [param.name])


@contextmanager
def one_line_usage_errors() -> Iterator[None]:
    """Print a usage mistake as one ``Lỗi:`` line on stderr (exit 2) instead of Typer's framed box."""
    try:
        yield
    except click_exceptions.NoArgsIsHelpError:
        raise  # a bare command asks for its help: show it
    except click_exceptions.ClickException as exc:
        err_console.print(f"[bold red]Lỗi:[/] {usage_message(exc)}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


# Commands whose modules are imported only when one of them runs (or help lists them): the
# catalogue, the reports and the demo pull in the catalogue matcher, the report model and
# their libraries, which reading one document never needs. Name -> "module:attribute", where
# the attribute is a Typer app (a group of commands) or a command function.
LAZY_COMMANDS = {
    "report": "chitieu.report.cli:report_command",
    "demo": "chitieu.demo:demo_command",
    "catalog": "chitieu.catalog.cli:catalog_app",
}
LAZY_GROUPS = frozenset({"catalog"})  # those that are groups of commands, listed after the single commands


def _lazy_command(name: str) -> Any:
    """The Click command of a :data:`LAZY_COMMANDS` entry, its module imported now."""
    module, attribute = LAZY_COMMANDS[name].split(":")
    found = getattr(importlib.import_module(module), attribute)
    if not isinstance(found, typer.Typer):
        single = typer.Typer(add_completion=False)
        single.command(name)(found)
        found = single
    return typer.main.get_command(found)


class OneLineErrorsGroup(TyperGroup):
    """The root command: a wrong command, option or value is one line like every other user error.

    Parsing of the root and of every subcommand happens inside the root's ``make_context`` and
    ``invoke``, so catching there covers the whole command tree. The commands of
    :data:`LAZY_COMMANDS` are loaded when asked for.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands first, then groups of commands, as Typer lists them, the lazy ones in their places."""
        loaded = super().list_commands(ctx)
        groups = [name for name in loaded if isinstance(self.commands[name], TyperGroup)]
        commands = [name for name in loaded if name not in groups]
        for name in LAZY_COMMANDS:
            if name not in self.commands:
                (groups if name in LAZY_GROUPS else commands).append(name)
        return [*commands, *groups]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = _lazy_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in LAZY_COMMANDS:
            for name in LAZY_COMMANDS:  # a mistyped command: suggest among all of them
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with one_line_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with one_line_usage_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=OneLineErrorsGroup,
    name="chitieu",
    help="Đọc, liên kết và đánh giá chỉ tiêu, kết quả và nhiệm vụ phát triển kinh tế - xã hội của tỉnh.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()


def _existing_file(path: Path) -> Path:
    from chitieu.errors import UnreadableDocument

    if not path.exists():
        raise UnreadableDocument(f"không tìm thấy tệp: {path}")
    if path.is_dir():
        raise UnreadableDocument(f"{path} là một thư mục, không phải tệp văn bản")
    return path


@app.command()
@user_errors
def text(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản: txt, md, docx, pdf, ảnh quét.")],
    restored: Annotated[
        bool,
        typer.Option("--restored", help="In bản đã khôi phục dấu và lỗi nhận dạng của văn bản hỏng (văn bản sạch in như cũ)."),
    ] = False,
) -> None:
    """In văn bản đã chuẩn hóa của một tài liệu (mọi vị trí nguồn đều tính theo văn bản này)."""
    from chitieu.pipeline import read_document

    doc = read_document(_existing_file(file), restore=restored)
    out = doc.reading
    sys.stdout.write(out)
    if not out.endswith("\n"):
        sys.stdout.write("\n")


@app.command()
@user_errors
def extract(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản cần trích xuất.")],
    as_json: Annotated[bool, typer.Option("--json", help="Mỗi dòng một đối tượng JSON.")] = False,
) -> None:
    """Trích xuất chỉ tiêu, kết quả, nhiệm vụ và dòng bảng đánh giá từ một tài liệu."""
    from rich.table import Table

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
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

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
                    layer = doc.raw.text_layer
                    if layer is not None and (layer.reocr or layer.unavailable):
                        progress.console.print(f"  {layer.reason()}", highlight=False, markup=False, soft_wrap=True)
                else:
                    progress.console.print(f"[yellow]Đã có[/] {file.name}: nội dung này đã được lưu trước đó", highlight=False)
            progress.advance(task)
    if failures:
        raise typer.Exit(1)


@app.command()
@user_errors
def docs(db: DbOption = None) -> None:
    """Bảng các tài liệu đã lưu, với siêu dữ liệu và điểm chất lượng văn bản."""
    from rich.table import Table
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

@app.command()
@user_errors
def reextract(
    ids: Annotated[list[int] | None, typer.Argument(help="Mã tài liệu (xem chitieu docs); bỏ trống để làm tất cả.")] = None,
    db: DbOption = None,
) -> None:
    """Trích xuất lại tài liệu đã lưu (ví dụ sau khi danh mục chỉ tiêu thay đổi); tiến độ nhiệm vụ được giữ."""
    from chitieu.store.db import session_scope
    from chitieu.store.reextract import all_document_ids, reextract_document

    with session_scope(db) as session:
        targets = list(ids or all_document_ids(session))
    for doc_id in targets:
        with session_scope(db) as session:
            done = reextract_document(session, doc_id)
        console.print(f"[green]Đã trích xuất lại[/] {done.name}: {done.before} → {done.after} dữ kiện", highlight=False)


from chitieu.store.agency_cli import agency_app  # noqa: E402

app.add_typer(agency_app, name="agency")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
