"""The live Q&A page of an event: list (htmx poll), ask, vote, moderate, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.htmx import template_for
from stadtgespraeche.core.throttling import client_ip
from stadtgespraeche.events import queries
from stadtgespraeche.events.models import Event
from stadtgespraeche.questions import queries as queries_questions
from stadtgespraeche.questions import services as services_questions
from stadtgespraeche.questions.forms import HideQuestionForm, QuestionForm
from stadtgespraeche.questions.models import LiveQuestion

TEMPLATE = "questions/questions.html"


def _event(request: HttpRequest, slug: str, perm: str = "questions.view_questions") -> Event:
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def _question(event: Event, pk: int) -> LiveQuestion:
    question = queries_questions.question_of(event, pk)
    if question is None:
        raise Http404
    return question


def _render(
    request: HttpRequest, event: Event, *, form: QuestionForm | None = None, status: int = 200
) -> HttpResponse:
    moderator = request.user.has_perm("questions.moderate_questions", event)
    is_open = queries_questions.is_open(event)
    opens_at, closes_at = queries_questions.questions_window(event)
    context = {
        "event": event,
        "questions": list(
            queries_questions.questions_for(event, request.user, moderator=moderator)
        ),
        "is_moderator": moderator,
        "is_open": is_open,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "form": form or QuestionForm(),
        "hide_form": HideQuestionForm(),
        "can_export": request.user.has_perm("questions.export_questions", event),
    }
    return render(request, template_for(request, TEMPLATE, "question-list"), context, status=status)


@login_required
@require_GET
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The page; htmx polls it every 5 s for the list partial only."""
    return _render(request, _event(request, slug))


@login_required
@require_POST
def ask(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services_questions.ask_question(
                event,
                by=request.user,
                text=form.cleaned_data["text"],
                anonymous=form.cleaned_data["anonymous"],
                ip_address=client_ip(request),
            )
        except services_questions.QuestionError as error:
            if not queries_questions.is_open(event):  # the form is gone: say it above the list
                messages.error(request, str(error))
                return redirect("questions:question-list", slug=event.slug)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your question has been posted."))
            return redirect("questions:question-list", slug=event.slug)
    return _render(request, event, form=form, status=400)


@login_required
@require_POST
def vote(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug)
    question = _question(event, pk)
    try:
        services_questions.vote_question(question, by=request.user)
    except services_questions.QuestionError as error:
        messages.error(request, str(error))
    return redirect("questions:question-list", slug=event.slug)


@login_required
@require_POST
def answer(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, "questions.moderate_questions")
    services_questions.mark_answered(_question(event, pk), by=request.user)
    messages.success(request, _("The question is marked as answered."))
    return redirect("questions:question-list", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def hide(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """Moderators hide a question with a reason (its own page: the list is polled)."""
    event = _event(request, slug, "questions.moderate_questions")
    question = _question(event, pk)
    form = HideQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_questions.hide_question(
                question, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services_questions.QuestionError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("The question is hidden."))
            return redirect("questions:question-list", slug=event.slug)
    status = 400 if request.method == "POST" else 200
    context = {"event": event, "question": question, "form": form}
    return render(request, "questions/hide.html", context, status=status)


@login_required
@require_GET
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The questions as Markdown for the minutes (organisers)."""
    event = _event(request, slug, "questions.export_questions")
    response = HttpResponse(
        queries_questions.questions_markdown(event), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="fragen-{event.slug}.md"'
    return response
