"""Helpers shared by the tests (import as tests.support.…); paths to the repository and ../shared."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "jingmao-township-2024.txt"
LAYOUT_TOOL = SHARED / "tools" / "docx_layout_report.py"
MAIN = ROOT / "main.py"
