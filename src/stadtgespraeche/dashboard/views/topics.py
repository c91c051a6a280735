"""Organisers edit the topic catalogue: create, edit, deactivate and reactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.topics import queries, services
from stadtgespraeche.topics.forms import TopicForm
from stadtgespraeche.topics.models import Topic


@login_required
@permission_required("topics.change_topic", raise_exception=True)
def topic_list(request: HttpRequest) -> HttpResponse:
    context = {"dashboard_section": "topics", "topics": queries.all_topics()}
    return render(request, "dashboard/topic_list.html", context)


@login_required
@permission_required("topics.add_topic", raise_exception=True)
@require_http_methods(["GET", "POST"])
def topic_create(request: AuthenticatedRequest) -> HttpResponse:
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topic = services.create_topic(**form.cleaned_data, by=request.user)
        messages.success(request, _("The topic “%(title)s” was created.") % {"title": topic})
        return redirect("dashboard:topic-list")
    context = {"dashboard_section": "topics", "form": form, "topic": None}
    return render(request, "dashboard/topic_form.html", context)


@login_required
@permission_required("topics.change_topic", raise_exception=True)
@require_http_methods(["GET", "POST"])
def topic_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        # Re-read: the bound form has already written cleaned values onto `topic`.
        original = Topic.objects.get(pk=pk)
        services.update_topic(original, **form.cleaned_data, by=request.user)
        messages.success(request, _("The topic “%(title)s” was saved.") % {"title": original})
        return redirect("dashboard:topic-list")
    context = {"dashboard_section": "topics", "form": form, "topic": topic}
    return render(request, "dashboard/topic_form.html", context)


@login_required
@permission_required("topics.change_topic", raise_exception=True)
@require_POST
def topic_set_active(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    is_active = request.POST.get("is_active") == "1"
    services.set_topic_active(topic, is_active=is_active, by=request.user)
    if is_active:
        messages.success(request, _("The topic “%(title)s” is active again.") % {"title": topic})
    else:
        messages.success(request, _("The topic “%(title)s” was deactivated.") % {"title": topic})
    return redirect("dashboard:topic-list")
