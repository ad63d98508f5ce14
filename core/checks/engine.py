"""Run every rule over a report, and apply the safe fixes to a copy of it."""
from __future__ import annotations

import copy
from itertools import groupby

from core.checks.figure_rules import FIGURE_RULES
from core.checks.model import Finding, Fix, Location, Target, message
from core.checks.export_rules import EXPORT_RULES
from core.checks.report_rules import REPORT_RULES
from core.checks.text_rules import FIELD_RULES, PARAGRAPH_RULES, Hit, text_hits
from core.outline import BODY, Report, split_heading

TEXT_FIELDS = ("title", "recipients", "cc")  # metadata written as running Chinese text
EXCERPT_CONTEXT = 8
MAX_FIX_PASSES = 5  # a fix may uncover another (a space removed next to a hyphen, …)


# --- reading and writing a target's text -----------------------------------------------------

def target_text(report: Report, target: Target) -> str:
    if target.field is not None:
        value = getattr(report, target.field)
        return value if isinstance(value, str) else ""  # dates have no text to point into
    assert target.chapter_index is not None  # a target without a field is in a chapter
    chapter = report.chapters[target.chapter_index]
    if target.block_index is None:
        return chapter.title
    return chapter.blocks[target.block_index].plain


def _write_target(report: Report, target: Target, fix: Fix, new_text: str) -> None:
    """Store new_text (the target's text with the fix applied) in the report, in place."""
    if target.field is not None:
        setattr(report, target.field, new_text)
        return
    assert target.chapter_index is not None
    chapter = report.chapters[target.chapter_index]
    if target.block_index is None:
        chapter.title = new_text
        return
    block = chapter.blocks[target.block_index]
    if fix.level is not None:
        block.level = fix.level
        block.heading, block.text = split_heading(new_text)
    elif block.level == BODY:
        block.heading, block.text = "", new_text
    else:
        block.heading, block.text = _resplit(block.heading, fix, new_text)


def _resplit(heading: str, fix: Fix, new_text: str) -> tuple[str, str]:
    """Keep the heading/run-in boundary where it was, shifted by a change made before it."""
    boundary = len(heading)
    if fix.end <= boundary:
        boundary += len(fix.replacement) - (fix.end - fix.start)
    elif fix.start < boundary:
        boundary = fix.start + len(fix.replacement)
    return new_text[:boundary], new_text[boundary:]


def _exists(report: Report, target: Target) -> bool:
    if target.field is not None:
        return True
    if target.chapter_index is None or not 0 <= target.chapter_index < len(report.chapters):
        return False
    blocks = report.chapters[target.chapter_index].blocks
    return target.block_index is None or 0 <= target.block_index < len(blocks)


# --- checking -----------------------------------------------------------------------------------

def run_checks(report: Report) -> list[Finding]:
    """Every finding for the report, in reading order: metadata, then chapter by chapter."""
    found: list[tuple[Target | None, Hit]] = []
    for rule in REPORT_RULES + EXPORT_RULES + FIGURE_RULES:
        found.extend(rule(report))
    for field in TEXT_FIELDS:
        target = Target(field=field)
        found.extend((target, hit) for hit in text_hits(target_text(report, target), FIELD_RULES))
    for ci, chapter in enumerate(report.chapters):
        title_target = Target(chapter_index=ci)
        found.extend((title_target, hit) for hit in text_hits(chapter.title, PARAGRAPH_RULES))
        for bi, block in enumerate(chapter.blocks):
            target = Target(chapter_index=ci, block_index=bi)
            found.extend((target, hit) for hit in text_hits(block.plain, PARAGRAPH_RULES))
    found.sort(key=_reading_order)
    return [_finding(report, target, hit) for target, hit in found]


def _reading_order(item: tuple[Target | None, Hit]):
    target, hit = item
    if target is None:
        return (0, 0, 0, 0, hit.start)
    if target.field is not None:
        return (1, 0, 0, 0, hit.start)
    block = -1 if target.block_index is None else target.block_index
    return (2, target.chapter_index, block, hit.start, hit.end)


def _finding(report: Report, target: Target | None, hit: Hit) -> Finding:
    text = target_text(report, target) if target else ""
    fix = None
    if target is not None and hit.replacement is not None:
        fix = Fix(target, text, hit.start, hit.end, hit.replacement, hit.level)
    location = None
    if target is not None and target.field is None and target.chapter_index is not None:
        chapter = report.chapters[target.chapter_index]
        location = Location(target.chapter_index, chapter.id, target.block_index, hit.start, hit.end)
    return Finding(hit.rule, message(hit.rule, hit.detail), location,
                   target.field if target else None, fix, _excerpt(text, hit.start, hit.end))


def _excerpt(text: str, start: int, end: int) -> str:
    if not text:
        return ""
    left, right = max(0, start - EXCERPT_CONTEXT), min(len(text), end + EXCERPT_CONTEXT)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


# --- fixing -------------------------------------------------------------------------------------

def apply_fix(report: Report, finding: Finding) -> Report:
    """A copy of the report with the finding's fix applied; unchanged when it has no fix or is stale."""
    fixed = copy.deepcopy(report)
    if finding.fix is not None:
        _apply_to_target(fixed, finding.fix.target, [finding.fix])
    return fixed


def apply_all_fixes(report: Report) -> Report:
    """A copy of the report with every safe fix applied; applying it again changes nothing more."""
    fixed = copy.deepcopy(report)
    for _ in range(MAX_FIX_PASSES):
        fixes = [f.fix for f in run_checks(fixed) if f.fix is not None]
        if not fixes:
            break
        changed = False
        for target, group in groupby(sorted(fixes, key=_target_key), key=lambda f: f.target):
            changed |= _apply_to_target(fixed, target, list(group))
        if not changed:
            break
    return fixed


def _target_key(fix: Fix):
    t = fix.target
    return (t.field or "", -1 if t.chapter_index is None else t.chapter_index,
            -1 if t.block_index is None else t.block_index)


def _apply_to_target(report: Report, target: Target, fixes: list[Fix]) -> bool:
    """Apply non-overlapping fixes to one target, last first so earlier spans stay valid."""
    if not _exists(report, target) or target_text(report, target) != fixes[0].text:
        return False
    text, applied_from = fixes[0].text, len(fixes[0].text) + 1
    for fix in sorted(fixes, key=lambda f: (f.start, f.end), reverse=True):
        if fix.end > applied_from:
            continue  # overlaps a fix already applied; the next pass finds it again if still needed
        new_text = text[:fix.start] + fix.replacement + text[fix.end:]
        _write_target(report, target, fix, new_text)
        text, applied_from = new_text, fix.start
    return True
