"""The scripting commands behind `python main.py COMMAND`.

Every failure prints one Chinese line on stderr and returns a non-zero status; nothing is written.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from core.archive import Archive
from core.errors import AppError
from core.locations import is_server_url
from core.outline import Organ, STATUS_LABELS, report_text, report_to_dict

EXIT_ERROR = 1
EXIT_INTERNAL = 2
log = logging.getLogger(__name__)


def run_command(args) -> int:
    handler = COMMANDS[args.command]
    try:
        if args.command in WINDOW_SENSITIVE and not is_server_url(args.db):
            refuse_while_a_window_edits(args)
        if args.command in WITHOUT_ARCHIVE:
            return handler(args)
        with Archive(args.db) as archive:
            return handler(archive, args)
    except AppError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_ERROR
    except OSError as err:
        log.warning("command %s: file error", args.command, exc_info=err)
        print(f"错误：读写文件时出错（{err.strerror or err}：{err.filename or ''}）。"
              "请检查路径、磁盘空间和文件权限后重试。", file=sys.stderr)
        return EXIT_ERROR
    except Exception as err:  # noqa: BLE001 — one line, never a traceback, for the clerk
        log.error("command %s: unexpected error", args.command, exc_info=err)
        print(f"错误：发生了意外错误（{type(err).__name__}：{err}）。数据库未被改动；"
              "请把这行信息告诉技术人员。", file=sys.stderr)
        return EXIT_INTERNAL


# commands that change the archive
WINDOW_SENSITIVE = {"import", "new", "snapshot", "restore", "restore-backup", "merge"}


def refuse_while_a_window_edits(args) -> None:
    """A command must not change an archive a window is editing: the window's text would go on top."""
    from core.archive_lock import read_owner
    from core.paths import default_db_path
    path = Path(args.db) if args.db else default_db_path()
    owner = read_owner(path)
    if owner is not None:
        raise AppError(f"档案 {path} 正在{owner.describe()}中打开。为免与窗口中的修改交错，请先关闭该窗口，"
                       f"再运行 {args.command} 命令；未作任何改动。")


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _list(archive: Archive, args) -> int:
    summaries = archive.list_reports(deleted=args.trash)
    if args.json:
        _print_json([{"id": r.id, "year": r.year, "title": r.title, "organs": list(r.organs),
                      "status": r.status, "updated_at": r.updated_at.isoformat(timespec="seconds")}
                     for r in summaries])
        return 0
    if not summaries:
        print("回收站是空的。" if args.trash else "还没有报告。可用 new 命令新建，或用 import 命令导入。")
    for r in summaries:
        print(f"{r.id}\t{r.year}年\t{STATUS_LABELS.get(r.status, r.status)}\t{'、'.join(r.organs)}\t"
              f"{r.title}")
    return 0


def _show(archive: Archive, args) -> int:
    report = archive.load_report(archive.find_report(args.report))
    if args.json:
        _print_json(report_to_dict(report))
        return 0
    print(report_text(report))
    return 0


def _import(archive: Archive, args) -> int:
    from core.importing import import_file, store_import
    result = import_file(Path(args.file), year=args.year)
    report_id, replaced = store_import(archive, result, replace=args.replace)
    report = result.report
    verb = "已覆盖" if replaced else "已导入"
    print(f"{verb}：{report.year}年 {report.title}（编号 {report_id}，{len(report.chapters)} 个部分，"
          f"{report.char_count()} 字）")
    for note in result.notes:
        print(f"  请核对：{note}")
    from cli.figures import import_hint
    if hint := import_hint(report):
        print(hint)
    return 0


def _new(archive: Archive, args) -> int:
    organs = [Organ(name) for name in args.organ]
    report_id = archive.new_report(args.year, organs=organs, from_year=args.from_year,
                                   copy_text=args.copy_text)
    print(f"已新建 {args.year}年报告（编号 {report_id}）")
    return 0


def _snapshot(archive: Archive, args) -> int:
    snapshot_id = archive.take_snapshot(archive.find_report(args.report), args.label)
    print(f"已保存版本 {snapshot_id}：{args.label}")
    return 0


def _snapshots(archive: Archive, args) -> int:
    for s in archive.list_snapshots(archive.find_report(args.report)):
        kind = "自动" if s.automatic else "手动"
        print(f"{s.id}\t{s.created_at:%Y-%m-%d %H:%M:%S}\t{kind}\t{s.char_count}字\t{s.label}")
    return 0


def _restore(archive: Archive, args) -> int:
    before = archive.restore_snapshot(args.snapshot)
    print(f"已恢复版本 {args.snapshot}；恢复前的内容已保存为版本 {before}")
    return 0


def _restore_backup(args) -> int:
    from core import backups
    from core.paths import default_db_path
    if is_server_url(args.db):
        raise AppError("单位服务器上的档案由IT人员在服务器上备份和恢复（例如 pg_dump / pg_restore），"
                       "restore-backup 只用于本机的档案文件。")
    db_path = Path(args.db) if args.db else default_db_path()
    backup = backups.newest_backup(db_path)
    kept = backups.restore_backup(db_path, backup)
    print(f"已用备份 {backup} 恢复数据库" + (f"；原文件保留为 {kept}" if kept else ""))
    return 0


def _copy(args) -> int:
    from core.archive.transfer import copy_archive, describe
    if args.source.strip() == args.target.strip():
        raise AppError("源档案和目标档案是同一个，没有复制。")
    with Archive(args.source, read_only=True, daily_backup=False) as source, \
            Archive(args.target, daily_backup=False) as target:
        result = copy_archive(source, target, force=args.force)
    print(f"已复制：{describe(result)}")
    return 0


def _merge(archive: Archive, args) -> int:
    from core.archive.merge import (DIFFERENT, describe_merge, merge_into, plan_merge, read_source,
                                    refuse_same_archive)
    refuse_same_archive(args.source, archive)
    source = read_source(args.source)
    replace = [item.key for item in plan_merge(archive, source) if item.state == DIFFERENT] \
        if args.replace else []
    result = merge_into(archive, source, replace)
    print(describe_merge(result))
    if result.kept:
        print("如要用文件中的内容替换上面“保留本机”的报告，请加 --replace 再运行一次（本机的内容会先保存为历史版本）。")
    return 0


def _export(archive: Archive, args) -> int:
    from cli.export import export_command
    return export_command(archive, args)


def _check(archive: Archive, args) -> int:
    from cli.check import check_command
    return check_command(archive, args)


def _figures(archive: Archive, args) -> int:
    from cli.figures import figures_command
    return figures_command(archive, args)


COMMANDS = {
    "list": _list, "show": _show, "import": _import, "new": _new, "snapshot": _snapshot,
    "snapshots": _snapshots, "restore": _restore, "restore-backup": _restore_backup,
    "export": _export, "check": _check, "copy": _copy, "merge": _merge, "figures": _figures,
}
WITHOUT_ARCHIVE = {"restore-backup", "copy"}  # they open (or restore) archives of their own
