"""Review before print: check a report against the report rules and GB/T 9704-2012, and fix what is safe.

    findings = run_checks(report)            # list[Finding], reading order
    fixed = apply_fix(report, findings[0])   # a copy; the original is untouched
    fixed = apply_all_fixes(report)          # every safe fix, idempotent

The names load from their modules on first use (PEP 562): the window's 基本信息 form needs only
doc_number_problems when it opens a report, not the rule engine and the fonts.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.checks.engine import apply_all_fixes, apply_fix, run_checks, target_text
    from core.checks.model import (ERROR, RULES, SEVERITY_LABELS, SUGGESTION, Finding, Fix, Location,
                                   Rule, Target)
    from core.checks.places import (describe_errors, finding_dict, font_findings, missing_fonts_summary,
                                    place_of)

_HOMES = {
    "core.checks.engine": ("apply_all_fixes", "apply_fix", "run_checks", "target_text"),
    "core.checks.model": ("ERROR", "RULES", "SEVERITY_LABELS", "SUGGESTION", "Finding", "Fix", "Location",
                          "Rule", "Target"),
    "core.checks.places": ("describe_errors", "finding_dict", "font_findings", "missing_fonts_summary",
                           "place_of"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def doc_number_problems(text: str) -> list[str]:
    """What is wrong with a 发文字号 as typed (the same rules the check applies); [] when fine or empty."""
    from core.checks.report_rules import doc_number_hits
    return [hit.detail for hit in doc_number_hits(text)]


__all__ = ["ERROR", "RULES", "SEVERITY_LABELS", "SUGGESTION", "Finding", "Fix", "Location", "Rule",
           "Target", "apply_all_fixes", "apply_fix", "describe_errors", "doc_number_problems", "finding_dict",
           "font_findings", "missing_fonts_summary", "place_of",
           "run_checks", "target_text"]
