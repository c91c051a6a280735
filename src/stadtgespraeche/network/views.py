"""Public views of the events app: "Mitglied werden" and the Stadtgespräche pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.core.htmx import is_htmx
from stadtgespraeche.core.throttling import client_ip
from stadtgespraeche.municipalities.queries import search_municipalities
from stadtgespraeche.network import queries, services
from stadtgespraeche.network.exceptions import MembershipError
from stadtgespraeche.network.forms import CONSENT_TEXT_VERSION, HONEYPOT_FIELD, ApplicationForm


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    series_choices = queries.series_accepting_applications()
    if not series_choices.exists():
        return render(request, "network/apply_closed.html")
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        # A bot filled in the hidden field: answer as if all went well, store nothing.
        services.record_application_attempt(client_ip(request))
        return redirect("network:apply-done")
    form = ApplicationForm(request.POST or None, series_choices=series_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_application(
                series=data["series"],
                municipality=data["municipality"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_role=data["contact_role"],
                message=data["message"],
                consent_text_version=CONSENT_TEXT_VERSION,
                language=translation.get_language(),
                ip_address=client_ip(request),
            )
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            return redirect("network:apply-done")
    return render(request, "network/apply.html", {"form": form})


@require_GET
def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "network/apply_done.html")


@require_GET
def municipality_search(request: HttpRequest) -> HttpResponse:
    """The list of matching municipalities, fetched by htmx while typing on the form.

    Without htmx the form itself offers the matches on submit, so plain requests go there.
    """
    if not is_htmx(request):
        return redirect("network:apply")
    query = " ".join(request.GET.get("municipality_query", "")[:150].split())
    return render(
        request,
        "network/apply.html#municipality-matches",
        {
            "query": query,
            "matches": search_municipalities(query),
            "selected_id": request.GET.get("municipality", ""),
            "show_matches": True,
        },
    )
