"""bench/lighthouse.py (`make lighthouse`) judges Lighthouse's JSON the way its docstring says.

Lighthouse itself needs npm and Chromium and a minute per page, so the suite checks the judging
and the make target's wiring; `make lighthouse` is the real run (scores in docs/performance.md).
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from bench import lighthouse

ROOT = Path(__file__).resolve().parent.parent


def _result(accessibility: float, seo: float) -> dict:
    return {
        "categories": {
            "accessibility": {
                "score": accessibility,
                "auditRefs": [{"id": "target-size", "weight": 7}, {"id": "bypass", "weight": 0}],
            },
            "best-practices": {"score": 1, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
            "seo": {"score": seo, "auditRefs": [{"id": "link-text", "weight": 1}]},
        },
        "audits": {
            "target-size": {"score": 0 if accessibility < 1 else 1, "title": "Touch targets"},
            "bypass": {"score": 0, "title": "Unweighted, never counts"},
            "errors-in-console": {"score": None, "title": "Not applicable"},
            "link-text": {"score": 0 if seo < 1 else 1, "title": "Links lack descriptive text"},
        },
    }


def test_scores_are_whole_percentages():
    assert lighthouse.scores_of(_result(0.96, 0.91)) == {
        "accessibility": 96,
        "best-practices": 100,
        "seo": 91,
    }


def test_only_weighted_failed_audits_are_listed():
    assert lighthouse.failures(_result(0.96, 0.91)) == [
        "accessibility: target-size (Touch targets)",
        "seo: link-text (Links lack descriptive text)",
    ]
    assert lighthouse.failures(_result(1, 1)) == []


def test_the_six_pages_of_the_issue_with_both_presets():
    assert list(lighthouse.PAGES.values()) == [
        "/",
        "/fas/forankring/",
        "/metoder/",
        "/metoder/trepartssamtal/",
        "/sok/?q=handledning",
        "/foretag/",
    ]
    assert lighthouse.PRESETS == ("mobile", "desktop")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lighthouse_runs_the_script_with_the_pinned_lighthouse():
    result = subprocess.run(
        ["make", "-n", "lighthouse"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert "lighthouse@12.2.3" in result.stdout
    assert (
        "CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py "
        "--lighthouse /tmp/lh/node_modules/.bin/lighthouse"
    ) in result.stdout
