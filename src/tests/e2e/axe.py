"""axe-core accessibility checks for the browser tests.

`axe_check(page, name=...)` injects node_modules/axe-core/axe.min.js into the page (the page
must come from the `axe_page` fixture: a context with bypass_csp=True, since the site's CSP
forbids injected scripts), runs axe with the WCAG 2.1 A/AA rules and fails the test on any
violation of impact serious or critical. Alongside, it narrows the viewport to 320 px and
fails when the page scrolls sideways there (`document.documentElement.scrollWidth` wider
than `innerWidth`), naming the elements that stick out; then it restores the viewport.
Every checked page is recorded; the e2e conftest writes the records to
test-results/axe.json and test-results/axe.md at the end of the run.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

REPO_DIR = Path(__file__).resolve().parents[3]
AXE_SCRIPT = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")
IMPACT_ORDER = ("critical", "serious", "moderate", "minor")
NARROW_WIDTH = 320
# The document's and viewport's widths at 320 px and the elements reaching past the right edge.
_OVERFLOW_SCRIPT = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width && box.right > width + 1 && getComputedStyle(element).position !== "fixed") {
            let inside = false;
            let up = element.parentElement;
            for (; up && up !== document.body; up = up.parentElement) {
                const overflow = getComputedStyle(up).overflowX;
                if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") {
                    inside = true;
                    break;
                }
            }
            if (!inside && wide.length < 5) {
                wide.push(element.outerHTML.slice(0, 160));
            }
        }
    }
    return {scroll: document.documentElement.scrollWidth, inner: width, wide: wide};
}"""

_records: list[dict[str, Any]] = []


def axe_check(
    page: Page,
    *,
    name: str | None = None,
    blocking_impacts: tuple[str, ...] = BLOCKING_IMPACTS,
    record: bool = True,
) -> dict[str, Any]:
    """Run axe on the current page; fail on blocking violations; return the axe result."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run scripts/setup.sh (npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations", "incomplete"],
        })""",
        list(WCAG_TAGS),
    )
    label = name or page.url
    violations = result.get("violations", [])
    narrow = narrow_overflow(page)
    if record:
        _records.append(
            {
                "page": label,
                "url": page.url,
                "title": page.title(),
                "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "axe_version": result.get("testEngine", {}).get("version"),
                "violations": [
                    {
                        "id": violation["id"],
                        "impact": violation.get("impact"),
                        "help": violation.get("help"),
                        "nodes": len(violation.get("nodes", [])),
                    }
                    for violation in violations
                ],
                "incomplete": len(result.get("incomplete", [])),
                "width_at_320": narrow["scroll"],
            }
        )
    blocking = [v for v in violations if v.get("impact") in blocking_impacts]
    if blocking:
        pytest.fail(f"axe found blocking violations on {label}:\n" + format_violations(blocking))
    if narrow["scroll"] > narrow["inner"]:
        pytest.fail(
            f"{label} scrolls sideways at {NARROW_WIDTH} px: the document is {narrow['scroll']} px "
            f"wide for a {narrow['inner']} px viewport. Elements reaching past the edge:\n"
            + "\n".join(f"    {html}" for html in narrow["wide"])
        )
    return result


def narrow_overflow(page: Page) -> dict[str, Any]:
    """The page's width at 320 px (and what sticks out); the viewport is restored after."""
    size = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": size["height"] if size else 800})
    try:
        measured: dict[str, Any] = page.evaluate(_OVERFLOW_SCRIPT)
    finally:
        if size:
            page.set_viewport_size(size)
    return measured


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation.get('impact')}] {violation['id']}: {violation.get('help')} "
            f"({violation.get('helpUrl', '')})"
        )
        for node in violation.get("nodes", [])[:5]:
            target = ", ".join(str(part) for part in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
        if len(violation.get("nodes", [])) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def write_report(directory: Path) -> None:
    """Write the recorded pages to axe.json and a short axe.md table."""
    if not _records:
        return
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "axe.json").write_text(
        json.dumps({"tags": list(WCAG_TAGS), "pages": _records}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    lines = [
        f"# axe-core results ({', '.join(WCAG_TAGS)})",
        "",
        "| Page | critical | serious | moderate | minor | needs review | width at 320 px |",
        "|---|---|---|---|---|---|---|",
    ]
    for record in _records:
        counts = dict.fromkeys(IMPACT_ORDER, 0)
        for violation in record["violations"]:
            if violation["impact"] in counts:
                counts[violation["impact"]] += 1
        lines.append(
            f"| {record['page']} | "
            + " | ".join(str(counts[impact]) for impact in IMPACT_ORDER)
            + f" | {record['incomplete']} | {record.get('width_at_320', '–')} |"
        )
    (directory / "axe.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
