"""`python main.py figures REPORT [--json] [--set KEY=VALUE …] [--add KEY=名称/单位 …] [--from-text [--yes]]`:
the key figures with last year's value and the change; --set and --add store them in one transaction (all
or nothing); --from-text proposes the figures the report's own text states, --yes fills the empty ones."""
from __future__ import annotations

import json

from core.errors import AppError
from core.figures import UNITS, Figure, figure_to_dict, format_value, parse_value


def add_parser(commands, parents) -> None:
    p = commands.add_parser("figures", parents=parents, help="查看或填写主要数据（与上年对照）")
    p.add_argument("report", metavar="REPORT")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="填写数据，KEY 为指标代码或名称，如 contracts_reviewed=959 或 负责人出庭应诉率=100；"
                        "值留空表示清除")
    p.add_argument("--add", action="append", default=[], metavar="KEY=名称/单位",
                   help=f"添加自己的指标，如 grid_staff=网格员人数/人（单位：{'、'.join(UNITS)}）")
    p.add_argument("--from-text", action="store_true",
                   help="列出报告正文中写到的数据（如“审查合同959份”），供核对；加 --yes 填入尚未填写的项")
    p.add_argument("--yes", action="store_true", help="与 --from-text 一起用：确认填入")


def figures_command(archive, args) -> int:
    if args.set or args.add or (args.from_text and args.yes):
        from cli.commands import refuse_while_a_window_edits
        refuse_while_a_window_edits(args)  # the window would not show what the command stored
    report_id = archive.find_report(args.report)
    if args.from_text:
        return _from_text(archive, report_id, args.yes)
    if args.add or args.set:
        current = archive.figures(report_id)
        added = [_custom(item) for item in args.add]
        changes = _values(current + added, args.set)
        archive.set_figures(report_id, added + changes)
    table = archive.figure_table(report_id)
    if args.json:
        print(json.dumps([figure_to_dict(c) for c in table], ensure_ascii=False, indent=2))
        return 0
    if args.add or args.set:
        print(f"已保存 {len(args.add) + len(args.set)} 项数据。")
    print("代码\t指标\t本年\t上年\t变化")
    for c in table:
        f = c.figure
        print("\t".join((f.key, f.label, format_value(f.value, f.unit) or "—",
                         format_value(c.previous, f.unit) or "—", c.change_text or "—")))
    return 0


def import_hint(report) -> str | None:
    """After an import: the figures its text states, and how to take them into the 数据 table."""
    from core.figure_text import proposed_figures  # its patterns load with a command, not with the window
    count = len(proposed_figures(report))
    return (f"  正文中写到 {count} 项主要数据，可用 python main.py figures {report.year} --from-text 核对后填入"
            "“数据”表（窗口中：数据 ▸ 从正文中提取…）。") if count else None


def _from_text(archive, report_id: int, confirmed: bool) -> int:
    """Figures the report's own text states (an imported earlier year), for empty slots only."""
    report = archive.load_report(report_id)
    empty = {f.key for f in report.figures if f.value is None}
    from core.figure_text import proposed_figures
    proposals = [p for p in proposed_figures(report) if p.figure.key in empty]
    if not proposals:
        print("正文中没有找到尚未填写的数据。")
        return 0
    for p in proposals:
        print("\t".join((p.figure.key, p.figure.label, format_value(p.figure.value, p.figure.unit),
                         f"原文：…{p.excerpt}")))
    if confirmed:
        archive.set_figures(report_id, [p.figure for p in proposals])
        print(f"已填入 {len(proposals)} 项数据，请再核对一遍。")
    else:
        print(f"找到 {len(proposals)} 项数据，尚未填入。核对无误后加 --yes 填入，或用 --set 逐项填写。")
    return 0


def _split(item: str, what: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise AppError(f"“{item}”的写法不对，应写成 {what}。")
    return key.strip(), value.strip()


def _custom(item: str) -> Figure:
    key, spec = _split(item, "KEY=名称/单位，如 grid_staff=网格员人数/人")
    label, sep, unit = spec.rpartition("/")
    if not sep:
        raise AppError(f"“{item}”缺少单位，应写成 KEY=名称/单位，如 grid_staff=网格员人数/人。")
    return Figure(key, label.strip(), unit.strip())


def _values(known: list[Figure], items: list[str]) -> list[Figure]:
    """Each KEY=VALUE as a Figure with its new value; KEY may be the code or the label."""
    by_name = {f.key: f for f in known} | {f.label: f for f in known}
    changed = []
    for item in items:
        name, text = _split(item, "KEY=VALUE，如 contracts_reviewed=959")
        figure = by_name.get(name)
        if figure is None:
            raise AppError(f"没有名为“{name}”的指标。可用 figures 命令（不带 --set）查看指标代码和名称，"
                           "或用 --add 添加自己的指标；未保存任何数据。")
        changed.append(Figure(figure.key, figure.label, figure.unit, parse_value(text, figure), figure.note))
    return changed
