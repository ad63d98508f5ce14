"""`python main.py export REPORT --out F.docx|F.pdf [--format docx|pdf] [--variant …] [--fonts …] [--force]
[--figures-table]` (the 附件 「主要数据对照表」 after the 落款).

A .pdf is painted by gui.pdf_export (Qt, offscreen): the only Qt the CLI reaches besides gui.app.
"""
from __future__ import annotations

import sys
from pathlib import Path

from core.checks import describe_errors, run_checks
from core.docx_export import VARIANT_LABELS, ExportFailed, export_report
from core.fonts import DEFAULT_FONT_SET

FORMATS = ("docx", "pdf")


def output_format(out: Path, requested: str | None) -> str:
    """The format asked for, else the one the file name ends with."""
    suffix = out.suffix.lower().lstrip(".")
    chosen = requested or suffix
    if chosen not in FORMATS:
        raise ExportFailed(f"输出文件 {out} 应以 .docx 或 .pdf 结尾（或用 --format 指定格式）。")
    if suffix != chosen:
        raise ExportFailed(f"输出文件 {out} 应以 .{chosen} 结尾。")
    return chosen


def export_command(archive, args) -> int:
    out = Path(args.out)
    kind = output_format(out, getattr(args, "format", None))
    report = archive.load_report(archive.find_report(args.report))
    font_set_name = getattr(args, "font_set", None) or DEFAULT_FONT_SET
    table = archive.figure_table(report.id) if getattr(args, "figures_table", False) else None
    if kind == "pdf":
        from gui.pdf_export import export_pdf, pdf_warnings
        layout = export_pdf(report, out, args.variant, font_set_name, overwrite=args.force,
                            figures_table=table)
        pages = f"，{len(layout.pages)} 页"
        for warning in pdf_warnings(layout, font_set_name):
            print("注意：" + warning, file=sys.stderr)
    else:
        export_report(report, out, args.variant, font_set_name, overwrite=args.force, figures_table=table)
        pages = ""
    print(f"已导出：{out}（{VARIANT_LABELS[args.variant]}，{report.year}年，{report.char_count()} 字{pages}）")
    errors = describe_errors(report, run_checks(report))
    if errors:  # scripts still get their file and a zero status; the clerk is told what to fix
        print("注意：" + errors, file=sys.stderr)
    return 0
