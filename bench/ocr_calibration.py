"""Does an OCR finding's confidence mean what it says? Precision by confidence band.

Run by hand on OCR text with human ground truth, converted by the dev set's
``ocr2eval.py`` (``<name>.txt`` beside ``<name>.truth.json``)::

    python bench/ocr_calibration.py /tmp/ct-dev-ocr/docs --tools ../shared/devsets/tools

For each band of reported confidence it prints how many findings fell in it,
the share that mark a real error (any overlap with a ground-truth error), and
the share whose first suggestion is the ground truth's reading (scored as the
dev set's scorer scores it). A finding reported at 0.9 should be right nine
times in ten.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from citetrace import audit_text
from citetrace.config import Config

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path, help="folder of <name>.txt and <name>.truth.json")
    parser.add_argument("--tools", type=Path, required=True, help="folder with score_ocr.py")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tools))
    import score_ocr  # the dev set's own scorer decides what "corrected" means

    counts: dict[tuple[float, float], list[int]] = defaultdict(lambda: [0, 0, 0])
    config = Config(select=("ocr-typo", "name-variant"))
    for text_path in sorted(args.docs.glob("*.txt")):
        truth = json.loads(text_path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
        report = audit_text(text, str(text_path), config)
        errors = truth.get("errors", [])
        for typo in report.typos:  # what the OCR findings report, with its confidence
            band = next(b for b in BANDS if b[0] <= typo.confidence < b[1])
            span = {"start": typo.start, "end": typo.end}
            hit = [e for e in errors if score_ocr.overlaps(e, span)]
            counts[band][0] += 1
            counts[band][1] += bool(hit)
            if len(typo.suggestions) == 1:
                prediction = {**span, "suggestion": typo.suggestions[0]}
                counts[band][2] += any(score_ocr.corrected(text, e, [prediction]) for e in hit)
    print("confidence   findings  real error  right correction")
    for band in BANDS:
        n, real, right = counts[band]
        if n:
            label = f"[{band[0]:.1f}, {min(band[1], 1.0):.1f})"
            print(f"{label}  {n:8d}  {real / n:10.3f}  {right / n:16.3f}")


if __name__ == "__main__":
    main()
