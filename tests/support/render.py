"""One LibreOffice run for every rendered test: the sample in each variant and the generated reports
(tests.support.generated) are exported, converted to PDF in a single soffice call, and read back with
the shared layout tool's parser. Cached for the whole session."""
from __future__ import annotations

import atexit
import functools
import gc
import importlib.util
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from core.docx_export import export_report
from core.pages import PageLayout, layout_report
from tests.support import LAYOUT_TOOL
from tests.support.generated import Case, all_cases

SOFFICE_TIMEOUT = 600


@dataclass
class Rendered:
    case: Case
    layout: PageLayout  # the page model
    docx: Path
    pdf: Path
    measured: dict  # docx_layout_report's description of the PDF: pages, per_page, …


def available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None \
        and LAYOUT_TOOL.exists()


def _layout_tool():
    spec = importlib.util.spec_from_file_location("docx_layout_report", LAYOUT_TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def rendered() -> dict[str, Rendered]:
    """Every case by name, rendered once per session. Prints what it cost (pytest -s shows it)."""
    folder = Path(tempfile.mkdtemp(prefix="render-"))
    atexit.register(shutil.rmtree, folder, True)
    started = time.perf_counter()
    cases = all_cases()
    docs = []
    for case in cases:
        path = folder / f"{case.name}.docx"
        export_report(case.report, path, case.variant, figures_table=case.figures_table)
        docs.append(path)
        gc.collect(0)  # the tests run with automatic collection off (tests/conftest.py): ~400 MB otherwise
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, docs)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=SOFFICE_TIMEOUT)
    tool = _layout_tool()
    result = {}
    for case, path in zip(cases, docs):
        pdf = path.with_suffix(".pdf")
        result[case.name] = Rendered(case, layout_report(case.report, case.variant, case.figures_table), path, pdf,
                                     tool.describe(tool.read_pages(str(pdf))))
    print(f"\nrendered {len(cases)} documents, {sum(r.measured['pages'] for r in result.values())} pages "
          f"in {time.perf_counter() - started:.1f} s")
    return result
