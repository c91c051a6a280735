"""Organisers edit the operator's texts: Impressum and Datenschutzerklärung."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.pages import services
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.forms import SiteTextForm
from stadtgespraeche.pages.texts import all_site_texts, site_text


@login_required
@permission_required("pages.change_sitetext", raise_exception=True)
def sitetext_list(request: HttpRequest) -> HttpResponse:
    context = {"dashboard_section": "texts", "texts": all_site_texts()}
    return render(request, "dashboard/sitetext_list.html", context)


@login_required
@permission_required("pages.change_sitetext", raise_exception=True)
@require_http_methods(["GET", "POST"])
def sitetext_update(request: AuthenticatedRequest, key: str) -> HttpResponse:
    if key not in SiteTextKey.values:
        raise Http404
    text = site_text(key)
    form = SiteTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        saved = services.update_site_text(
            key,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            by=request.user,
        )
        messages.success(request, _("The text “%(title)s” was saved.") % {"title": saved})
        return redirect("dashboard:sitetext-list")
    context = {"dashboard_section": "texts", "form": form, "text": text}
    return render(request, "dashboard/sitetext_form.html", context)
