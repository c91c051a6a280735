"""The season report of a series for the organisers: page, PDF and CSV of the same figures."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from stadtgespraeche.core.pdf import render_pdf
from stadtgespraeche.network.models import Series
from stadtgespraeche.reports import queries
from stadtgespraeche.reports.charts import season_charts

PERMISSION = "reports.view_season_report"


def _season(series: str, year: int) -> queries.Season:
    if not queries.FIRST_YEAR <= year <= queries.LAST_YEAR:
        raise Http404
    return queries.Season(series=get_object_or_404(Series, slug=series), year=year)


def _report(season: queries.Season) -> queries.SeasonReport:
    return queries.season_report(season, unknown=_("not known"))


def _filename(season: queries.Season, extension: str) -> str:
    return f"saisonbericht-{slugify(season.series.slug)[:80]}-{season.year}.{extension}"


def _context(report: queries.SeasonReport) -> dict[str, object]:
    season = report.season
    return {
        "report": report,
        "season": season,
        "charts": season_charts(report),
        "title": _("Season report %(year)s: %(series)s")
        % {"year": season.year, "series": season.series.name},
    }


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def season_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/season_index.html",
        {"dashboard_section": "season_reports", "rows": queries.seasons_by_series()},
    )


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def season_report(request: HttpRequest, series: str, year: int) -> HttpResponse:
    season = _season(series, year)
    context = _context(_report(season))
    context["dashboard_section"] = "season_reports"
    context["other_years"] = [
        other for other in queries.season_years(season.series) if other != year
    ]
    return render(request, "reports/season_report.html", context)


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def season_report_pdf(request: HttpRequest, series: str, year: int) -> HttpResponse:
    season = _season(series, year)
    context = _context(_report(season))
    context["language"] = translation.get_language() or "de"
    pdf = render_pdf(
        render_to_string("reports/pdf/season_report.html", context),
        css=render_to_string("reports/pdf/season_report.css", {"page_label": _("Page")}),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(season, "pdf")}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _number(value: float | None) -> str:
    return "" if value is None else str(value).replace(".", ",")


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def season_report_csv(request: HttpRequest, series: str, year: int) -> HttpResponse:
    """One row per held Stadtgespräch; the season's totals in the last row."""
    season = _season(series, year)
    report = _report(season)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(season, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # a byte order mark, so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Number"),
            _("Title"),
            _("Date"),
            _("Registrations"),
            _("Attended"),
            _("No-shows"),
            _("Waitlist"),
            _("Municipalities"),
            _("New municipalities"),
            _("Municipalities so far"),
            _("Parties"),
            _("New parties"),
            _("Parties so far"),
            _("Feedback responses"),
            _("Average rating"),
            _("Topics"),
        ]
    )
    for row in report.sessions:
        writer.writerow(
            [
                row.event.number,
                _safe(row.event.title),
                row.event.starts_at.astimezone(queries.BERLIN).date().isoformat(),
                row.registered,
                row.attended,
                row.no_show,
                row.waitlisted,
                row.municipalities,
                row.new_municipalities,
                row.total_municipalities,
                row.parties,
                row.new_parties,
                row.total_parties,
                row.feedback_count,
                _number(row.feedback_average),
                _safe(", ".join(row.topics)),
            ]
        )
    writer.writerow(
        [
            "",
            _("Season %(year)s") % {"year": season.year},
            "",
            report.registered,
            report.attended,
            sum(row.no_show for row in report.sessions),
            sum(row.waitlisted for row in report.sessions),
            report.municipalities_reached,
            "",
            report.municipalities_reached,
            report.parties_reached,
            "",
            report.parties_reached,
            report.feedback_count,
            _number(report.feedback_average),
            _safe(", ".join(row.label for row in report.topics)),
        ]
    )
    return response
