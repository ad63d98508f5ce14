"""`python main.py export REPORT --out F.docx [--variant red|plain|web] [--fonts …] [--force]`."""
from __future__ import annotations

import sys
from pathlib import Path

from core.checks import describe_errors, run_checks
from core.docx_export import VARIANT_LABELS, ExportFailed, export_report
from core.fonts import DEFAULT_FONT_SET


def export_command(archive, args) -> int:
    """`python main.py export REPORT --out F [--variant red|plain|web] [--force]`."""
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        raise ExportFailed(f"输出文件 {out} 应以 .docx 结尾。")
    report = archive.load_report(archive.find_report(args.report))
    font_set_name = getattr(args, "font_set", None) or DEFAULT_FONT_SET
    export_report(report, out, args.variant, font_set_name, overwrite=args.force)
    print(f"已导出：{out}（{VARIANT_LABELS[args.variant]}，{report.year}年，{report.char_count()} 字）")
    errors = describe_errors(report, run_checks(report))
    if errors:  # scripts still get their file and a zero status; the clerk is told what to fix
        print("注意：" + errors, file=sys.stderr)
    return 0
