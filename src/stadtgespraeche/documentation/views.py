"""Views after the event: the documentation (edit, files, publish, PDF) and feedback; the
speaker's page of an agenda item (confirm, title and abstract, own slides)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.downloads import private_download
from stadtgespraeche.documentation import pdf
from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.documentation import services as services_documentation
from stadtgespraeche.documentation.forms import (
    AttachmentForm,
    FeedbackForm,
    MinutesForm,
    SlidesForm,
    SpeakerItemForm,
    SpeakerSlidesForm,
)
from stadtgespraeche.documentation.models import Attachment
from stadtgespraeche.events import queries, speakers
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import AgendaItem, Event


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(queries.visible_events(request.user), slug=slug)


def _managed_event(request: HttpRequest, slug: str) -> Event:
    if not request.user.has_perm("documentation.manage_documentation"):
        raise PermissionDenied
    return get_object_or_404(Event.objects.select_related("series"), slug=slug)


def _manage_page(
    request: HttpRequest,
    event: Event,
    *,
    minutes_form: MinutesForm | None = None,
    attachment_form: AttachmentForm | None = None,
    slides_form: SlidesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    minutes = docs_queries.minutes_of(event)
    agenda = queries.agenda_of(event)
    if minutes_form is None:
        minutes_form = MinutesForm(
            initial={
                "body": minutes.body if minutes else "",
                "results": minutes.results if minutes else "",
                "recording_url": minutes.recording_url if minutes else "",
            }
        )
    context = {
        "event": event,
        "minutes": minutes,
        "minutes_form": minutes_form,
        "attachment_form": attachment_form or AttachmentForm(),
        "slides_form": slides_form or SlidesForm(agenda=agenda),
        "attachments": list(docs_queries.attachments_of(event)),
        "slides": list(docs_queries.slides_of(event)),
        "has_agenda": agenda.exists(),
        "can_publish": docs_queries.can_publish(event, minutes),
    }
    return render(request, "documentation/manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def documentation_manage(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Organisers write minutes, results and the recording link; files and publishing."""
    event = _managed_event(request, slug)
    if request.method != "POST":
        return _manage_page(request, event)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services_documentation.save_minutes(event, **form.cleaned_data, by=request.user)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("documentation:documentation-manage", slug=event.slug)
    return _manage_page(request, event, minutes_form=form, status=400)


@login_required
@require_POST
def questions_import(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Append the questions of the live Q&A to the minutes (organisers)."""
    event = _managed_event(request, slug)
    try:
        services_documentation.import_questions_into_minutes(event, by=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The questions of the live Q&A were added to the end of the minutes.")
        )
    return redirect("documentation:documentation-manage", slug=event.slug)


@login_required
@require_POST
def attachment_upload(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_documentation.add_attachment(
                event,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except EventError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The attachment was uploaded."))
            return redirect("documentation:documentation-manage", slug=event.slug)
    return _manage_page(request, event, attachment_form=form, status=400)


@login_required
@require_POST
def slides_upload(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = SlidesForm(request.POST, request.FILES, agenda=queries.agenda_of(event))
    if form.is_valid():
        item = form.cleaned_data["agenda_item"]
        try:
            services_documentation.add_attachment(
                event,
                title=_("Slides: %(title)s") % {"title": item.title},
                upload=form.cleaned_data["file"],
                agenda_item=item,
                by=request.user,
            )
        except EventError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The slides were uploaded."))
            return redirect("documentation:documentation-manage", slug=event.slug)
    return _manage_page(request, event, slides_form=form, status=400)


@login_required
@require_POST
def attachment_delete(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    event = _managed_event(request, slug)
    attachment = get_object_or_404(Attachment, pk=pk, event=event)
    services_documentation.delete_attachment(attachment, by=request.user)
    messages.success(request, _("“%(title)s” was deleted.") % {"title": attachment.title})
    return redirect("documentation:documentation-manage", slug=event.slug)


@login_required
@require_POST
def documentation_publish(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    try:
        services_documentation.publish_documentation(event, by=request.user)
    except EventError as error:
        messages.error(request, str(error))
        return redirect("documentation:documentation-manage", slug=event.slug)
    messages.success(
        request, _("The documentation is published and the participants were informed.")
    )
    return redirect(event.get_absolute_url())


@require_GET
def attachment_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A documentation file, only for those who may see the documentation; never inline."""
    event = _event(request, slug)
    if not request.user.has_perm("documentation.view_documentation", event):
        raise Http404
    attachment = get_object_or_404(Attachment, pk=pk, event=event)
    return private_download(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_GET
def documentation_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The PDF the worker stored for the reader's variant when it is current; otherwise
    (worker down, not rendered yet) rendered here, and the worker asked to store it."""
    event = _event(request, slug)
    if not request.user.has_perm("documentation.view_documentation", event):
        raise Http404
    speakers_visible = request.user.has_perm("documentation.view_speakers", event)
    prepared = pdf.prepare(event, speakers_visible=speakers_visible)
    data = pdf.stored_bytes(
        event,
        language=translation.get_language() or "",
        speakers_visible=speakers_visible,
        fingerprint=prepared.fingerprint,
    )
    if data is None:
        data = prepared.render()
        services_documentation.request_pdf_rendering(event)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"dokumentation-{slugify(event.slug)[:80]}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feedback_give(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A participant rates the event once, after it has ended."""
    event = _event(request, slug)
    if docs_queries.feedback_of(request.user, event) is not None:
        messages.info(request, _("You have already given feedback on this Stadtgespräch."))
        return redirect(event.get_absolute_url())
    if not request.user.has_perm("documentation.give_feedback", event):
        raise PermissionDenied
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_documentation.give_feedback(event, user=request.user, **form.cleaned_data)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(event.get_absolute_url())
    context = {"event": event, "form": form}
    return render(request, "documentation/feedback_form.html", context)


# --- The speaker's page of an agenda item ---------------------------------------------------


@login_required
@require_GET
def speaker_items(request: AuthenticatedRequest) -> HttpResponse:
    """The agenda items I speak in, each with a link to its speaker page."""
    items = list(speakers.items_of_speaker(request.user))
    return render(request, "documentation/speaker_items.html", {"items": items})


def _speaker_item(request: AuthenticatedRequest, slug: str, pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("event", "event__series", "event__venue_municipality"),
        pk=pk,
        event__slug=slug,
    )
    if not request.user.has_perm("documentation.prepare_impulse", item):
        raise PermissionDenied
    return item


def _speaker_page(
    request: AuthenticatedRequest,
    item: AgendaItem,
    *,
    item_form: SpeakerItemForm | None = None,
    slides_form: SpeakerSlidesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "item": item,
        "event": item.event,
        "ends_at": item.starts_at + timedelta(minutes=item.duration),
        "is_open": speakers.is_open_for_speakers(item),
        "item_form": item_form
        or SpeakerItemForm(initial={"title": item.title, "abstract": item.abstract}),
        "slides_form": slides_form or SpeakerSlidesForm(),
        "slides": Attachment.objects.filter(agenda_item=item).first(),
        "co_speakers": [person for person in item.speakers.all() if person.pk != request.user.pk],
    }
    return render(request, "documentation/speaker_item.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_item(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """A speaker sees time and room of their item and edits its title and abstract."""
    item = _speaker_item(request, slug, pk)
    if request.method != "POST":
        return _speaker_page(request, item)
    form = SpeakerItemForm(request.POST)
    if form.is_valid():
        try:
            speakers.update_impulse(item, by=request.user, **form.cleaned_data)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The title and abstract were saved."))
            return redirect("documentation:speaker-item", slug=slug, pk=pk)
    return _speaker_page(request, item, item_form=form, status=400)


@login_required
@require_POST
def speaker_confirm(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    item = _speaker_item(request, slug, pk)
    try:
        speakers.confirm_impulse(item, by=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you, your impulse is confirmed."))
    return redirect("documentation:speaker-item", slug=slug, pk=pk)


@login_required
@require_POST
def speaker_slides(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    item = _speaker_item(request, slug, pk)
    form = SpeakerSlidesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_documentation.upload_speaker_slides(
                item, upload=form.cleaned_data["file"], by=request.user
            )
        except EventError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The slides were uploaded."))
            return redirect("documentation:speaker-item", slug=slug, pk=pk)
    return _speaker_page(request, item, slides_form=form, status=400)
