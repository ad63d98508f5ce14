"""`figures`: the table with last year's value and the change, --set/--add, JSON, Chinese errors."""
import json
import sqlite3

import pytest

from cli.main import main


def run(capsys, db_path, *args) -> tuple[int, str, str]:
    status = main([*map(str, args), "--db", str(db_path)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def two_years(db_path, capsys):
    run(capsys, db_path, "new", "--year", 2024)
    run(capsys, db_path, "figures", 2024, "--set", "contracts_reviewed=950", "--set", "负责人出庭应诉率=97.1",
        "--add", "grid=网格员人数/人", "--set", "grid=40")
    run(capsys, db_path, "new", "--year", 2025, "--from-year", 2024)
    return db_path


def test_set_then_table_shows_last_year_and_change(two_years, capsys):
    status, out, _ = run(capsys, two_years, "figures", 2025, "--set", "contracts_reviewed=959",
                         "--set", "head_appearance_rate=95%")
    assert status == 0 and "已保存 2 项数据。" in out
    assert "合法性审查合同\t959 份\t950 份\t+9 份" in out
    assert "负责人出庭应诉率\t95%\t97.1%\t−2.1 个百分点" in out
    assert "网格员人数\t—\t40 人\t—" in out


def test_json_lists_every_figure(two_years, capsys):
    run(capsys, two_years, "figures", 2025, "--set", "contracts_reviewed=959")
    status, out, _ = run(capsys, two_years, "figures", 2025, "--json")
    rows = {r["key"]: r for r in json.loads(out)}
    assert status == 0
    expected = {"label": "合法性审查合同", "unit": "份", "value": 959, "previous": 950, "change": 9,
                "change_text": "+9 份"}
    assert {k: rows["contracts_reviewed"][k] for k in expected} == expected
    assert rows["head_appearance_rate"]["value"] is None and rows["head_appearance_rate"]["previous"] == 97.1
    assert rows["grid"]["previous"] == 40


@pytest.mark.parametrize("item, message", [
    ("nonsense=3", "没有名为“nonsense”的指标"), ("fines=三千", "“三千”不是数字"),
    ("负责人出庭应诉率=120", "不能超过 100%"), ("fines", "应写成 KEY=VALUE")])
def test_bad_values_are_refused_in_chinese_and_store_nothing(two_years, capsys, item, message):
    status, _, err = run(capsys, two_years, "figures", 2025, "--set", "contracts_reviewed=1", "--set", item)
    assert status == 1 and message in err and err.startswith("错误：") and "Traceback" not in err
    with sqlite3.connect(two_years) as conn:
        assert conn.execute("SELECT value FROM figures JOIN reports ON reports.id = report_id "
                            "WHERE year = 2025 AND key = 'contracts_reviewed'").fetchall() in ([], [(None,)])


def test_a_custom_figure_needs_a_known_unit(two_years, capsys):
    status, _, err = run(capsys, two_years, "figures", 2025, "--add", "x=某指标/斤")
    assert status == 1 and "单位“斤”不可用" in err


def test_check_compares_the_stored_text_with_the_stored_figures(two_years, capsys):
    from core.archive import Archive
    from core.outline import Block
    with Archive(two_years) as archive:
        report = archive.load_report(archive.find_report(2025))
        measures = next(c for c in report.chapters if c.template_key == "measures")
        archive.save_chapter(measures.id, [Block(0, "", "全年审查合同959份，出具法律意见书124份。")])
    run(capsys, two_years, "figures", 2025, "--set", "contracts_reviewed=960")
    status, out, _ = run(capsys, two_years, "check", 2025)
    assert status == 1
    assert "figure-mismatch" in out and "合法性审查合同”为960 份" in out


def test_from_text_proposes_then_fills_only_with_yes(db_path, capsys):
    from core.archive import Archive
    from core.outline import Block
    run(capsys, db_path, "new", "--year", 2023)
    with Archive(db_path) as archive:
        report = archive.load_report(archive.find_report(2023))
        measures = next(c for c in report.chapters if c.template_key == "measures")
        archive.save_chapter(measures.id, [Block(0, "", "全年审查合同880份，出具法律意见书101份，罚款2.8万元。")])
    run(capsys, db_path, "figures", 2023, "--set", "legal_opinions=100")
    status, out, _ = run(capsys, db_path, "figures", 2023, "--from-text")
    assert status == 0 and "合法性审查合同\t880 份\t原文：…全年审查合同880份" in out and "尚未填入" in out
    assert "legal_opinions" not in out  # already filled in: the clerk's value stays
    assert json.loads(run(capsys, db_path, "figures", 2023, "--json")[1])[0]["value"] is None
    status, out, _ = run(capsys, db_path, "figures", 2023, "--from-text", "--yes")
    assert "已填入 2 项数据" in out
    rows = {r["key"]: r["value"] for r in json.loads(run(capsys, db_path, "figures", 2023, "--json")[1])}
    assert (rows["contracts_reviewed"], rows["legal_opinions"], rows["fines"]) == (880, 100, 28000)


def test_import_says_how_to_take_the_figures_its_text_states(db_path, tmp_path, capsys):
    source = tmp_path / "2023.txt"
    source.write_text("景毛乡人民政府2023年法治政府建设年度报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n\n"
                      "全年审查合同880份，出具法律意见书101份。\n", encoding="utf-8")
    status, out, _ = run(capsys, db_path, "import", source)
    assert status == 0 and "正文中写到 2 项主要数据" in out and "figures 2023 --from-text" in out


def test_setting_figures_waits_for_the_window_to_close(two_years, capsys):
    import os
    import socket
    from datetime import datetime

    from core.archive_lock import lock_path
    now = datetime.now().isoformat()  # a window in another live process (the parent: this one is ignored)
    lock_path(two_years).write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(),
                                                "since": now, "refreshed": now}), encoding="utf-8")
    status, _, err = run(capsys, two_years, "figures", 2025, "--set", "fines=3500")
    assert status == 1 and "请先关闭该窗口" in err
    status, out, _ = run(capsys, two_years, "figures", 2025)  # reading is fine
    assert status == 0 and "罚款金额\t—" in out
