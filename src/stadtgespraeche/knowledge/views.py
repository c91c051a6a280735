"""Pages of the knowledge base: list with facets, entry, editing, review, versions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.core.downloads import private_download
from stadtgespraeche.core.htmx import template_for
from stadtgespraeche.events import queries as event_queries
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.privacy import can_see
from stadtgespraeche.topics import related

from . import queries, services
from .exceptions import PracticeError
from .forms import AttachmentForm, PracticeForm, ReviewForm, UnpublishForm
from .models import Practice, PracticeAttachment

PAGE_SIZE = 20


def practice_list(request: HttpRequest) -> HttpResponse:
    selected = queries.clean_selection(request.GET.dict())
    listing = queries.faceted_practices(selected)
    page_obj = Paginator(listing.practices, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = [
        (name, queries.FACET_LABELS[name], listing.facets[name])
        for name in queries.FACETS
        if listing.facets[name]
    ]
    context = {
        "page_obj": page_obj,
        "total": listing.total,
        "facets": facets,
        "selected": selected,
        "query_string": urlencode(selected),
    }
    return render(
        request, template_for(request, "knowledge/practice_list.html", "results"), context
    )


def _practice(
    request: HttpRequest, slug: str, permission: str = "knowledge.view_practice"
) -> Practice:
    practice = queries.practice_for(slug, request.user)
    if practice is None:
        raise Http404
    if not request.user.has_perm(permission, practice):
        raise PermissionDenied
    return practice


def _person_name(person: Any, viewer: Any) -> str | None:
    """A person's name if the viewer may see it (people.privacy decides)."""
    if person is None or not person.is_active:
        return None
    profile = getattr(person, "profile", None)
    if profile is None or not can_see(profile, FieldGroup.IDENTITY, viewer):
        return None
    return person.get_full_name()


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug)
    visible = event_queries.visible_events(request.user)
    events = visible.filter(pk__in=practice.related_events.values("pk")).order_by("-starts_at")
    impulses = practice.related_impulses.filter(event__in=visible).select_related("event")
    context = {
        "practice": practice,
        "contact_name": _person_name(practice.contact, request.user),
        "author_name": _person_name(practice.author, request.user),
        "events": events,
        "impulses": impulses,
        "review_form": ReviewForm()
        if request.user.has_perm("knowledge.review_practice", practice)
        else None,
        "attachments": list(practice.attachments.all()),
        "related_sections": related.sections_for(list(practice.topics.all()), request.user),
        "attachment_form": AttachmentForm()
        if request.user.has_perm("knowledge.change_practice", practice)
        else None,
    }
    return render(request, "knowledge/practice_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("knowledge.add_practice"):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            practice = services.create_practice(
                author=request.user,
                title=data.pop("title"),
                municipalities=data.pop("municipalities"),
                **data,
            )
        except PracticeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your draft was saved. Submit it for review when it is complete."),
            )
            return redirect(practice)
    return render(request, "knowledge/practice_form.html", {"form": form, "practice": None})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.change_practice")
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_practice(
                Practice.objects.get(pk=practice.pk), by=request.user, **form.cleaned_data
            )
        except PracticeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(practice)
    return render(request, "knowledge/practice_form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def practice_submit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.submit_practice")
    try:
        services.submit_for_review(practice, by=request.user)
    except PracticeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Submitted for review. The reviewers were notified."))
    return redirect(practice)


@login_required
@require_POST
def practice_review(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.review_practice")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = {"practice": practice, "review_form": form, "events": [], "impulses": []}
        return render(request, "knowledge/practice_detail.html", context, status=400)
    try:
        if form.cleaned_data["decision"] == "publish":
            services.publish(practice, by=request.user)
            messages.success(request, _("The good practice is published."))
        else:
            services.return_to_author(practice, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The entry was returned to its author with your note."))
    except PracticeError as error:
        messages.error(request, str(error))
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def practice_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.unpublish_practice")
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unpublish(practice, by=request.user, note=form.cleaned_data["note"])
        except PracticeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The good practice is no longer published."))
        return redirect(practice)
    return render(
        request, "knowledge/practice_unpublish.html", {"practice": practice, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_delete(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.delete_practice")
    if request.method == "POST":
        services.delete_practice(practice, by=request.user)
        messages.success(request, _("The good practice was deleted."))
        return redirect("knowledge:mine")
    return render(request, "knowledge/practice_delete.html", {"practice": practice})


_FIELD_LABELS = {
    field.name: str(field.verbose_name)
    for field in Practice._meta.get_fields()
    if hasattr(field, "verbose_name")
}


@login_required
def practice_versions(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.view_versions")
    versions = list(queries.versions_of(practice))
    by_number = {version.number: version for version in versions}
    try:
        number = int(request.GET.get("version", versions[0].number if versions else 0))
    except ValueError:
        number = versions[0].number if versions else 0
    shown = by_number.get(number)
    if versions and shown is None:
        raise Http404
    previous = by_number.get(number - 1)
    labels = {name: str(label) for name, label in _FIELD_LABELS.items()}
    changes = queries.diff_versions(previous, shown, labels) if shown else []
    context = {
        "practice": practice,
        "versions": versions,
        "shown": shown,
        "previous": previous,
        "changes": changes,
    }
    return render(request, "knowledge/practice_versions.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("knowledge.add_practice"):
        raise PermissionDenied
    context = {
        "written": queries.written_by(request.user),
        "queue": queries.review_queue(request.user)
        if request.user.has_perm("knowledge.view_review_queue")
        else None,
    }
    return render(request, "knowledge/mine.html", context)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.change_practice")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                practice,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except PracticeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The file was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(practice)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    practice = _practice(request, slug, "knowledge.change_practice")
    attachment = get_object_or_404(PracticeAttachment, pk=pk, practice=practice)
    services.delete_attachment(attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(practice)


def attachment_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A file of a practice, for whoever may see the practice; never shown inline."""
    practice = queries.practice_for(slug, request.user)
    if practice is None or not request.user.has_perm("knowledge.view_practice", practice):
        raise Http404
    attachment = get_object_or_404(PracticeAttachment, pk=pk, practice=practice)
    return private_download(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )
