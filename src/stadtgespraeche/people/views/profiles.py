"""The own profile ("Mein Profil"), its mandates and photo, and the profile page of a person.

What a viewer sees of a profile is decided by people.privacy only; whether they see the
contact details is the permission `contacts.view_contact_details` (contacts/rules.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stadtgespraeche.people import privacy, services
from stadtgespraeche.people.enums import FieldGroup, Visibility
from stadtgespraeche.people.forms.profiles import (
    PREVIEW_LEVELS,
    MandateForm,
    PhotoForm,
    ProfileForm,
)
from stadtgespraeche.people.models import Mandate, Profile
from stadtgespraeche.people.photos import PhotoRejected


def _own_profile(request: HttpRequest) -> Profile:
    """The saved profile of the logged-in person, or an unsaved one with the defaults."""
    user = request.user
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = Profile(user=user, municipality=services.default_municipality(user))  # type: ignore[arg-type]
    return profile


def _initial(profile: Profile) -> dict[str, object]:
    initial: dict[str, object] = {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "pronouns": profile.pronouns,
        "municipality": profile.municipality,
        "interests": list(profile.interests.all()) if profile.pk else [],
        "expertise": profile.expertise,
        "bio": profile.bio,
        "languages": profile.languages,
        "phone": profile.phone,
    }
    for group in FieldGroup:
        initial[f"{group.value}_visibility"] = profile.visibility_of(group)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = _own_profile(request)
    form = ProfileForm(
        request.POST or None,
        initial=_initial(profile),
        municipalities=services.profile_municipalities(user),  # type: ignore[arg-type]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile = services.create_or_update_profile(
                user=user,  # type: ignore[arg-type]
                by=user,  # type: ignore[arg-type]
                first_name=data["first_name"],
                last_name=data["last_name"],
                municipality=data["municipality"],
                pronouns=data["pronouns"],
                bio=data["bio"],
                expertise=data["expertise"],
                languages=data["languages"],
                phone=data["phone"],
                interests=data["interests"],
            )
            services.set_visibility(
                profile=profile,
                by=user,  # type: ignore[arg-type]
                **{group.value: data[f"{group.value}_visibility"] for group in FieldGroup},
            )
        except services.ProfileError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("people:profile-edit")
    mandates = (
        list(profile.mandates.select_related("faction", "party", "municipality"))
        if profile.pk
        else []
    )
    return render(
        request,
        "people/profile_edit.html",
        {
            "profile": profile,
            "form": form,
            "mandates": mandates,
            "may_hold_mandates": services.may_hold_mandates(user),  # type: ignore[arg-type]
            "visibility_fields": [form[name] for name in form.visibility_field_names()],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def photo_edit(request: HttpRequest) -> HttpResponse:
    form = PhotoForm(request.POST or None, request.FILES or None)
    profile = _own_profile(request)
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            if profile.pk:
                services.remove_profile_photo(profile=profile, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your photo has been deleted."))
            return redirect("people:profile-edit")
        if form.is_valid():
            profile = services.get_or_create_profile(user=request.user)  # type: ignore[arg-type]
            try:
                services.set_profile_photo(
                    profile=profile,
                    by=request.user,  # type: ignore[arg-type]
                    upload=form.cleaned_data["photo"],
                )
            except PhotoRejected as error:
                form.add_error("photo", error.message)
            else:
                messages.success(request, _("Your photo has been saved."))
                return redirect("people:profile-edit")
    return render(request, "people/profile_photo.html", {"form": form, "profile": profile})


def _mandate_municipality_or_redirect(request: HttpRequest) -> Profile | None:
    if not services.may_hold_mandates(request.user):  # type: ignore[arg-type]
        raise Http404
    profile = _own_profile(request)
    if profile.municipality is None:
        messages.error(request, _("Please choose your municipality first."))
        return None
    return profile


def _mandate_arguments(data: dict[str, object]) -> dict[str, object]:
    return {
        "body": data["body"],
        "faction": data["faction"],
        "faction_name": data["faction_name"],
        "party": data["party"],
        "role": data["role"],
        "committees": data["committees"],
        "term_start": data["term_start"],
        "term_end": data["term_end"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def mandate_add(request: HttpRequest) -> HttpResponse:
    profile = _mandate_municipality_or_redirect(request)
    if profile is None:
        return redirect("people:profile-edit")
    form = MandateForm(request.POST or None, municipality=profile.municipality)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        profile = services.get_or_create_profile(user=request.user)  # type: ignore[arg-type]
        try:
            services.add_mandate(
                profile=profile,
                by=request.user,  # type: ignore[arg-type]
                **_mandate_arguments(form.cleaned_data),  # type: ignore[arg-type]
            )
        except services.ProfileError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mandate has been added."))
            return redirect("people:profile-edit")
    return render(
        request,
        "people/profile_mandate.html",
        {"form": form, "profile": profile, "mandate": None},
    )


def _own_mandate(request: HttpRequest, pk: int) -> Mandate:
    if not services.may_hold_mandates(request.user):  # type: ignore[arg-type]
        raise Http404
    return get_object_or_404(
        Mandate.objects.select_related("municipality", "profile"), pk=pk, profile__user=request.user
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _own_mandate(request, pk)
    initial = {
        "body": mandate.body,
        "faction": mandate.faction_id,
        "party": mandate.party_id,
        "role": mandate.role,
        "committees": mandate.committees,
        "term_start": mandate.term_start,
        "term_end": mandate.term_end,
    }
    form = MandateForm(request.POST or None, initial=initial, municipality=mandate.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_mandate(
                mandate=mandate,
                by=request.user,  # type: ignore[arg-type]
                **_mandate_arguments(form.cleaned_data),  # type: ignore[arg-type]
            )
        except services.ProfileError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mandate has been saved."))
            return redirect("people:profile-edit")
    return render(
        request,
        "people/profile_mandate.html",
        {"form": form, "profile": mandate.profile, "mandate": mandate},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_remove(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _own_mandate(request, pk)
    if request.method == "POST":
        services.remove_mandate(mandate=mandate, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The mandate has been removed."))
        return redirect("people:profile-edit")
    return render(request, "people/profile_mandate_remove.html", {"mandate": mandate})


def _profile_for_page(pk: int) -> Profile:
    return get_object_or_404(
        Profile.objects.select_related("user", "municipality").prefetch_related(
            Prefetch(
                "mandates",
                queryset=Mandate.objects.select_related("faction", "party", "municipality"),
            ),
            "interests",
        ),
        pk=pk,
    )


@require_safe
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's profile page: only the field groups the viewer may see. Without a visible
    identity the page does not exist for the viewer (404, so existence is not revealed)."""
    profile = _profile_for_page(pk)
    is_owner = privacy.is_owner(profile, request.user)
    preview: Visibility | None = (
        PREVIEW_LEVELS.get(request.GET.get("vorschau", "")) if is_owner else None
    )
    if preview is not None:
        shown = privacy.visible_groups_at_level(profile, preview)
    else:
        if not is_owner and not profile.user.is_active:
            raise Http404
        shown = privacy.visible_groups(profile, request.user)
        if FieldGroup.IDENTITY.value not in shown:
            raise Http404
    return render(
        request,
        "people/profile_detail.html",
        {
            "profile": profile,
            "shown": shown,
            "is_owner": is_owner,
            "preview": preview,
            "preview_levels": PREVIEW_LEVELS,
            "show_contact": preview is None
            and (is_owner or request.user.has_perm("contacts.view_contact_details", profile.user)),
            "hidden_in_preview": preview is not None and FieldGroup.IDENTITY.value not in shown,
        },
    )


@require_safe
def profile_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The photo, only for viewers who may see the person and their photo (no media URL,
    so photos cannot be reached by guessing addresses)."""
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    if not profile.photo:
        raise Http404
    visible = profile.user.is_active and all(
        privacy.can_see(profile, group, request.user)
        for group in (FieldGroup.IDENTITY, FieldGroup.PHOTO)
    )
    if not visible and not privacy.is_owner(profile, request.user):
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
