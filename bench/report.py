"""How fast the annotated report of the bundled paper loads in headless Chromium.

Run by hand: ``python bench/report.py`` (needs Debian's chromium and
chromium-driver, and selenium from the test extras). Prints the time to
generate the page and its load timings in the browser, median of 5 loads.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citetrace import audit_text  # noqa: E402
from citetrace.render.html import render_html  # noqa: E402
from tests.browser import chromium_driver  # noqa: E402

SEED = ROOT / "corpus" / "akino-1988-soviet-asia.txt"


def main() -> None:
    start = time.perf_counter()
    page = render_html(audit_text(SEED.read_text("utf-8"), "corpus/akino-1988-soviet-asia.txt"))
    generated = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.html"
        path.write_text(page, encoding="utf-8")
        driver = chromium_driver()
        loads, ready = [], []
        try:
            for _ in range(5):
                driver.get(path.as_uri())
                timing = driver.execute_script(
                    "var n=performance.getEntriesByType('navigation')[0];"
                    "return [n.domContentLoadedEventEnd, n.loadEventEnd];"
                )
                ready.append(timing[0])
                loads.append(timing[1])
        finally:
            driver.quit()
    size = len(page.encode("utf-8")) / 1024
    print(f"page: {size:.0f} KiB, generated in {generated * 1000:.0f} ms")
    print(
        f"DOMContentLoaded: {statistics.median(ready):.0f} ms, "
        f"load: {statistics.median(loads):.0f} ms"
    )


if __name__ == "__main__":
    main()
