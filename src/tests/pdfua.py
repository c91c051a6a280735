"""PDF/UA-1 conformance of the PDFs the platform renders, checked with `page`
(page-validation on PyPI: an independent validator of the Matterhorn Protocol's
machine-checkable rules that passes the veraPDF corpus; veraPDF itself is not installable
here)."""

from __future__ import annotations

import page


def pdf_ua_failures(pdf: bytes) -> list[str]:
    """The failed PDF/UA-1 rules of `pdf` as "rule: message" lines; empty when conformant."""
    report = page.validate_pdf_bytes(pdf, profile=page.ValidationProfile.PDF_UA_1)
    if report.is_compliant:
        return []
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures] or [
        "not conformant (no rule named)"
    ]
