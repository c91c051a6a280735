"""Contact requests, "Meine Kontakte", blocking and abuse reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts.models import User
from stadtgespraeche.contacts import queries as queries_contacts
from stadtgespraeche.contacts import services as services_contacts
from stadtgespraeche.contacts.forms import AbuseReportForm, ContactRequestForm
from stadtgespraeche.contacts.models import ContactRequest, ContactRequestStatus


@login_required
def contacts(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("contacts.view_contacts"):
        raise PermissionDenied
    overview = queries_contacts.contacts_overview(request.user)
    return render(request, "contacts/contact_list.html", {"overview": overview})


def _visible_person(request: HttpRequest, user_pk: int, permission: str) -> tuple[User, str]:
    """The other person and their name as the viewer may see it; 404 if the viewer may not
    see who it is (no profile, identity hidden, inactive)."""
    profile = queries_contacts.profile_for_contact(user_pk, request.user)
    if profile is None:
        raise Http404
    if not request.user.has_perm(permission, profile.user):
        raise PermissionDenied
    return profile.user, str(profile.user)


@login_required
@require_http_methods(["GET", "POST"])
def contact_request_create(request: HttpRequest, user_pk: int) -> HttpResponse:
    recipient, name = _visible_person(request, user_pk, "contacts.add_contactrequest")
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_contacts.request_contact(
                request.user, recipient, message=form.cleaned_data["message"]
            )
        except services_contacts.ContactError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Your contact request to %(name)s was sent.") % {"name": name}
            )
            return redirect("contacts:contacts")
    context = {"form": form, "recipient": recipient, "recipient_name": name}
    return render(request, "contacts/contact_request_form.html", context)


_ANSWERS = {
    "accept": (
        "contacts.answer_contactrequest",
        services_contacts.accept_contact_request,
        gettext_lazy("You accepted the contact request. You now see each other's contact details."),
    ),
    "decline": (
        "contacts.answer_contactrequest",
        services_contacts.decline_contact_request,
        gettext_lazy("You declined the contact request."),
    ),
    "withdraw": (
        "contacts.withdraw_contactrequest",
        services_contacts.withdraw_contact_request,
        gettext_lazy("You withdrew your contact request."),
    ),
}


def _answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    """Only sender and recipient learn that the request exists (others get a 404)."""
    permission, service, success = _ANSWERS[answer]
    contact_request = get_object_or_404(ContactRequest, pk=pk)
    if not request.user.has_perm("contacts.view_contactrequest", contact_request):
        raise Http404
    if contact_request.status != ContactRequestStatus.PENDING:
        messages.error(request, str(services_contacts.NotAllowed.message))
        return redirect("contacts:contacts")
    if not request.user.has_perm(permission, contact_request):
        raise PermissionDenied
    service(contact_request, by=request.user)
    messages.success(request, str(success))
    return redirect("contacts:contacts")


@login_required
@require_POST
def contact_request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, "accept")


@login_required
@require_POST
def contact_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, "decline")


@login_required
@require_POST
def contact_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, "withdraw")


@login_required
@require_http_methods(["GET", "POST"])
def contact_block(request: HttpRequest, user_pk: int) -> HttpResponse:
    other = get_object_or_404(User, pk=user_pk)
    if not request.user.has_perm("contacts.block_person", other):
        raise PermissionDenied
    name = queries_contacts.display_name(other, request.user)
    if request.method == "POST":
        services_contacts.block_person(request.user, other)
        messages.success(
            request,
            _("You blocked this person. They can no longer send you contact requests."),
        )
        return redirect("contacts:contacts")
    return render(request, "contacts/contact_block.html", {"other": other, "other_name": name})


@login_required
@require_POST
def contact_unblock(request: HttpRequest, user_pk: int) -> HttpResponse:
    other = get_object_or_404(User, pk=user_pk)
    if services_contacts.unblock_person(request.user, other):
        messages.success(request, _("The block was lifted."))
    return redirect("contacts:contacts")


@login_required
@require_http_methods(["GET", "POST"])
def contact_report(request: HttpRequest, user_pk: int) -> HttpResponse:
    other = get_object_or_404(User, pk=user_pk)
    if not request.user.has_perm("contacts.report_person", other):
        raise PermissionDenied
    form = AbuseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_contacts.report_abuse(request.user, other, reason=form.cleaned_data["reason"])
        except services_contacts.ContactError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Thank you. The organisers received your report and will look into it.")
            )
            return redirect("contacts:contacts")
    name = queries_contacts.display_name(other, request.user)
    context = {"form": form, "other": other, "other_name": name}
    return render(request, "contacts/contact_report_form.html", context)
