"""The command line: parse arguments, then start the window (no command) or run a CLI command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one Chinese line for a wrong command line (subcommands inherit it)."""

    def error(self, message: str):
        self.exit(2, f"错误：命令行参数有误（{message}）。运行 {self.prog} --help 查看用法。\n")


def program_name() -> str:
    """How the user started us: `python main.py` from a checkout, else the installed command's name."""
    name = Path(sys.argv[0]).name
    return f"python {name}" if name.endswith(".py") or not name else name


DB_HELP = ("数据库文件（默认：用户数据文件夹中的 archive.sqlite3），"
           "或单位服务器地址 postgresql://用户名@服务器:5432/数据库名")


def window_parser() -> argparse.ArgumentParser:
    """The options of a start without a command (the window); build_parser() adds the commands."""
    from core import APP_NAME, __version__
    parser = ArgumentParser(prog=program_name(), description=f"{APP_NAME}：法治政府建设年度报告起草与排版")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="显示版本号后退出")
    # For smoke tests and start-up timing: open the window and the archive, then quit.
    parser.add_argument("--quit-after-start", action="store_true", help=argparse.SUPPRESS)
    # bench/bench_gui.py: print when the window shows and when the report is editable, then quit.
    parser.add_argument("--print-start-times", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    from core.export_options import DEFAULT_VARIANT, VARIANTS, variants_help
    from core.fonts import DEFAULT_FONT_SET, FONT_SETS
    parser = window_parser()
    # Accepted after the subcommand too; SUPPRESS keeps a --db given before it from being reset.
    db = ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    fonts = ArgumentParser(add_help=False)
    fonts.add_argument("--fonts", dest="font_set", choices=sorted(FONT_SETS), default=DEFAULT_FONT_SET,
                       help="字体方案：" + "；".join(f"{k}：{v.label}" for k, v in FONT_SETS.items()))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("list", parents=[db], help="列出报告")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--trash", action="store_true", help="列出回收站中的报告")

    p = commands.add_parser("show", parents=[db], help="显示一份报告（REPORT 为编号或年份）")
    p.add_argument("report", metavar="REPORT")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = commands.add_parser("import", parents=[db], help="导入以往的报告（.txt、.docx）")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--year", type=int, help="报告年度（文件中没有写明时使用）")
    p.add_argument("--replace", action="store_true", help="该年度已有报告时，先保存版本再覆盖")

    p = commands.add_parser("new", parents=[db], help="新建报告（按模板，或以往年报告为基础）")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("--from-year", type=int, help="以该年度的报告为基础")
    p.add_argument("--copy-text", action="store_true", help="同时复制正文")
    p.add_argument("--organ", action="append", default=[], help="发文机关全称（可多次指定，按顺序）")

    p = commands.add_parser("snapshot", parents=[db], help="保存版本")
    p.add_argument("report", metavar="REPORT")
    p.add_argument("--label", required=True, help="版本说明")

    p = commands.add_parser("snapshots", parents=[db], help="列出历史版本")
    p.add_argument("report", metavar="REPORT")

    p = commands.add_parser("restore", parents=[db], help="恢复到某个历史版本（先自动保存当前内容）")
    p.add_argument("snapshot", type=int, metavar="SNAPSHOT")

    commands.add_parser("restore-backup", parents=[db], help="用最近的备份替换损坏的数据库")

    p = commands.add_parser("copy", help="把整个档案复制到另一个档案文件或单位服务器（并核对）")
    p.add_argument("--from", dest="source", required=True, metavar="SOURCE_DB", help="源档案（文件或服务器地址）")
    p.add_argument("--to", dest="target", required=True, metavar="TARGET_DB", help="目标档案（文件或服务器地址）")
    p.add_argument("--force", action="store_true", help="目标档案已有内容时，用源档案的内容替换它")

    p = commands.add_parser("merge", parents=[db], help="把导出的档案文件中的报告并入当前档案（逐份比较）")
    p.add_argument("--from", dest="source", required=True, metavar="FILE", help="导出的档案文件（或服务器地址）")
    p.add_argument("--replace", action="store_true",
                   help="内容不同的报告用文件中的替换（本机内容先保存为历史版本）；默认保留本机的")

    p = commands.add_parser("export", parents=[db, fonts], help="导出为 Word 公文（.docx）或 PDF（.pdf）")
    p.add_argument("report", metavar="REPORT")
    p.add_argument("--out", required=True, metavar="FILE.docx|FILE.pdf")
    p.add_argument("--format", choices=("docx", "pdf"), help="输出格式（默认按文件扩展名）")
    p.add_argument("--variant", choices=VARIANTS, default=DEFAULT_VARIANT, help=variants_help())
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("--figures-table", action="store_true", help="在落款后附“附件：主要数据对照表”")

    p = commands.add_parser("check", parents=[db, fonts], help="检查报告是否符合要求")
    p.add_argument("report", metavar="REPORT")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    from cli.figures import add_parser as add_figures_parser
    add_figures_parser(commands, [db])
    return parser


def window_start(argv: list[str]) -> argparse.Namespace | None:
    """The parsed options when argv only starts the window (the usual start, which then need not build
    every command's parser and import what they list); None when it names a command, asks for help or
    is not understood (the full parser answers those)."""
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    args, rest = window_parser().parse_known_args(argv)
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_start(argv) or build_parser().parse_args(argv)
    if args.command is None:
        from gui.app import run_gui
        return run_gui(args.db, quit_when_ready=args.quit_after_start,
                       print_start_times=args.print_start_times)
    from cli.commands import run_command
    from core.logs import setup_logging
    setup_logging()
    return run_command(args)

