"""OParl endpoints, the raw-object store and the typed council records.

Every OParl object is keyed by its `id` URL (per endpoint). The raw store (`RawObject`) keeps
what the server sent, with embedded objects split out, so an interrupted import resumes and
the typed tables can be rebuilt without the network. The typed tables (`Oparl*`) are written
only by `services.importer`; a reference to an object the server never delivered becomes a
placeholder row (`is_placeholder`).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.topics.models import Topic

from . import vocabulary
from .enums import ACTIVE_STATUSES, ObjectType, SyncStatus, TextStatus, Vendor

URL_LENGTH = 1000


class Endpoint(models.Model):
    """A configured OParl System with the Body chosen for a member municipality."""

    system_url = models.URLField(_("system URL"), max_length=URL_LENGTH, unique=True)
    body_url = models.URLField(_("body URL"), max_length=URL_LENGTH, blank=True)
    body_name = models.CharField(_("body name"), max_length=300, blank=True)
    body_ags = models.CharField(_("AGS of the body"), max_length=8, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oparl_endpoints",
    )
    vendor = models.CharField(
        _("vendor"), max_length=20, choices=Vendor.choices, default=Vendor.GENERIC
    )
    oparl_version = models.CharField(_("OParl version"), max_length=10, blank=True)
    system_name = models.CharField(_("system name"), max_length=300, blank=True)
    license = models.CharField(_("data licence"), max_length=500, blank=True)
    max_connections = models.PositiveSmallIntegerField(_("parallel requests per host"), default=2)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sync_started = models.DateTimeField(_("last sync started"), null=True, blank=True)
    last_sync_finished = models.DateTimeField(_("last sync finished"), null=True, blank=True)
    last_success_started = models.DateTimeField(
        _("start of the last successful sync"), null=True, blank=True
    )

    class Meta:
        ordering = ["body_name", "system_url"]
        verbose_name = _("OParl endpoint")
        verbose_name_plural = _("OParl endpoints")

    def __str__(self) -> str:
        return self.body_name or self.system_url


class SyncRun(models.Model):
    """One import run of an endpoint: mode, progress, counts, fixes and errors."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="runs"
    )
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SyncStatus.choices, default=SyncStatus.RUNNING
    )
    modified_since = models.DateTimeField(_("modified since"), null=True, blank=True)
    full = models.BooleanField(_("full crawl"), default=False)
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    stats = models.JSONField(_("counts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Things the run deliberately did not do, e.g. the shrink guard keeping a list's objects.
    warnings = models.TextField(_("warnings"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="oparl_one_active_run",
            )
        ]
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")

    def __str__(self) -> str:
        return f"{self.endpoint} {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("oparl:run-detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ListState(models.Model):
    """Where the crawl of one external list stands; `next_url` resumes an interrupted one."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="lists"
    )
    name = models.CharField(_("list"), max_length=40)
    url = models.URLField(_("URL"), max_length=URL_LENGTH)
    next_url = models.URLField(_("next page"), max_length=URL_LENGTH, blank=True)
    complete = models.BooleanField(_("complete"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "name"], name="oparl_list_unique")
        ]
        verbose_name = _("list state")
        verbose_name_plural = _("list states")

    def __str__(self) -> str:
        return self.name


class RawObject(models.Model):
    """One OParl object as delivered (embedded objects replaced by their id URL)."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="+"
    )
    oparl_id = models.CharField(_("id URL"), max_length=URL_LENGTH)
    object_type = models.CharField(_("type"), max_length=20, choices=ObjectType.choices)
    data = models.JSONField(_("data"))
    digest = models.CharField(_("digest"), max_length=32)
    parent_id = models.CharField(_("parent id URL"), max_length=URL_LENGTH, blank=True)
    parent_field = models.CharField(_("parent field"), max_length=40, blank=True)
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    deleted = models.BooleanField(_("deleted"), default=False)
    needs_import = models.BooleanField(_("needs import"), default=True)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "oparl_id"], name="oparl_raw_unique")
        ]
        indexes = [
            models.Index(
                fields=["endpoint", "object_type", "needs_import"], name="oparl_raw_pending"
            )
        ]
        verbose_name = _("raw OParl object")
        verbose_name_plural = _("raw OParl objects")

    def __str__(self) -> str:
        return self.oparl_id


class CouncilRecord(models.Model):
    """Fields every typed OParl table shares."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="+"
    )
    oparl_id = models.CharField(_("id URL"), max_length=URL_LENGTH)
    is_placeholder = models.BooleanField(_("placeholder"), default=False)
    deleted = models.BooleanField(_("deleted"), default=False)
    web = models.CharField(_("web page"), max_length=URL_LENGTH, blank=True)
    oparl_created = models.DateTimeField(_("created (OParl)"), null=True, blank=True)
    oparl_modified = models.DateTimeField(_("modified (OParl)"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "name", "") or self.oparl_id)


def _unique(model: str) -> list[models.BaseConstraint]:
    return [models.UniqueConstraint(fields=["endpoint", "oparl_id"], name=f"oparl_{model}_id")]


def _ref(model: str, verbose: Any, related: str = "+") -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        model,
        verbose_name=verbose,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related,
    )


class OparlBody(CouncilRecord):
    name = models.CharField(_("name"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    ags = models.CharField(_("AGS"), max_length=8, blank=True)
    rgs = models.CharField(_("RGS"), max_length=12, blank=True)
    website = models.CharField(_("website"), max_length=URL_LENGTH, blank=True)
    license = models.CharField(_("licence"), max_length=500, blank=True)
    classification = models.CharField(_("classification"), max_length=200, blank=True)

    class Meta:
        constraints = _unique("body")
        verbose_name = _("council body")
        verbose_name_plural = _("council bodies")


class OparlLegislativeTerm(CouncilRecord):
    body = _ref("OparlBody", _("body"))
    name = models.CharField(_("name"), max_length=300, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        constraints = _unique("legislativeterm")
        verbose_name = _("legislative term")
        verbose_name_plural = _("legislative terms")


class OparlLocation(CouncilRecord):
    description = models.TextField(_("description"), blank=True)
    street_address = models.CharField(_("street address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=200, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)

    class Meta:
        constraints = _unique("location")
        verbose_name = _("council location")
        verbose_name_plural = _("council locations")


class OparlOrganization(CouncilRecord):
    body = _ref("OparlBody", _("body"))
    name = models.CharField(_("name"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    organization_type = models.CharField(_("organisation type"), max_length=100, blank=True)
    classification = models.CharField(_("classification"), max_length=200, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        constraints = _unique("organization")
        verbose_name = _("council organisation")
        verbose_name_plural = _("council organisations")


class OparlPerson(CouncilRecord):
    body = _ref("OparlBody", _("body"))
    name = models.CharField(_("name"), max_length=300, blank=True)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    form_of_address = models.CharField(_("form of address"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=30, blank=True)

    class Meta:
        constraints = _unique("person")
        verbose_name = _("council person")
        verbose_name_plural = _("council persons")


class OparlMembership(CouncilRecord):
    person = _ref("OparlPerson", _("person"), "memberships")
    organization = _ref("OparlOrganization", _("organisation"), "memberships")
    on_behalf_of = _ref("OparlOrganization", _("on behalf of"))
    role = models.CharField(_("role"), max_length=200, blank=True)
    voting_right = models.BooleanField(_("voting right"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        constraints = _unique("membership")
        verbose_name = _("council membership")
        verbose_name_plural = _("council memberships")


class OparlMeeting(CouncilRecord):
    body = _ref("OparlBody", _("body"))
    organization = _ref("OparlOrganization", _("lead organisation"), "meetings")
    location = _ref("OparlLocation", _("location"))
    name = models.CharField(_("name"), max_length=500, blank=True)
    meeting_state = models.CharField(_("state"), max_length=100, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)

    class Meta:
        constraints = _unique("meeting")
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")


class OparlAgendaItem(CouncilRecord):
    meeting = _ref("OparlMeeting", _("meeting"), "agenda_items")
    number = models.CharField(_("number"), max_length=50, blank=True)
    order = models.IntegerField(_("order"), null=True, blank=True)
    name = models.TextField(_("name"), blank=True)
    public = models.BooleanField(_("public"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    resolution_text = models.TextField(_("resolution text"), blank=True)

    class Meta:
        constraints = _unique("agendaitem")
        verbose_name = _("council agenda item")
        verbose_name_plural = _("council agenda items")

    @property
    def result_kind(self) -> str:
        """The normalised outcome (`enums.ResultKind` value, "" for none) of `result`."""
        return vocabulary.result_kind(self.result)

    @property
    def result_label(self) -> str:
        return vocabulary.result_label(self.result_kind)


class OparlPaper(CouncilRecord):
    body = _ref("OparlBody", _("body"))
    name = models.TextField(_("title"), blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    paper_type = models.CharField(_("paper type"), max_length=200, blank=True)

    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="council_papers"
    )

    class Meta:
        constraints = _unique("paper")
        indexes = [models.Index(fields=["endpoint", "date"], name="oparl_paper_date")]
        verbose_name = _("council paper")
        verbose_name_plural = _("council papers")

    @property
    def original_url(self) -> str:
        """Where the council publishes the paper: its web page, else its OParl id URL."""
        return self.web or self.oparl_id

    @property
    def paper_kind(self) -> str:
        """The normalised group (`enums.PaperKind` value, "" for none) of `paper_type`."""
        return vocabulary.paper_kind(self.paper_type)


class OparlConsultation(CouncilRecord):
    paper = _ref("OparlPaper", _("paper"), "consultations")
    meeting = _ref("OparlMeeting", _("meeting"), "consultations")
    agenda_item = _ref("OparlAgendaItem", _("agenda item"), "consultations")
    organization = _ref("OparlOrganization", _("lead organisation"))
    authoritative = models.BooleanField(_("authoritative"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        constraints = _unique("consultation")
        verbose_name = _("council consultation")
        verbose_name_plural = _("council consultations")


class OparlFile(CouncilRecord):
    name = models.TextField(_("name"), blank=True)
    file_name = models.CharField(_("file name"), max_length=500, blank=True)
    mime_type = models.CharField(_("MIME type"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    size = models.BigIntegerField(_("size"), null=True, blank=True)
    access_url = models.CharField(_("access URL"), max_length=URL_LENGTH, blank=True)
    download_url = models.CharField(_("download URL"), max_length=URL_LENGTH, blank=True)
    text = models.TextField(_("text"), blank=True)
    parent_oparl_id = models.CharField(_("parent id URL"), max_length=URL_LENGTH, blank=True)
    parent_field = models.CharField(_("parent field"), max_length=40, blank=True)
    # The download of PDFs without OParl `text` (services.file_texts). A re-import of a
    # changed file writes every field, which resets these and lets the file be tried again.
    text_status = models.CharField(
        _("text download"), max_length=20, choices=TextStatus.choices, blank=True, default=""
    )
    text_message = models.TextField(_("text download message"), blank=True)
    text_checked_at = models.DateTimeField(_("text download checked"), null=True, blank=True)

    class Meta:
        constraints = _unique("file")
        verbose_name = _("council file")
        verbose_name_plural = _("council files")


class TopicKeywords(models.Model):
    """The words that assign council papers to a topic (edited by organisers)."""

    topic = models.OneToOneField(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="council_keywords"
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A council paper belongs to the topic when its title "
            "or type contains one of them (case does not matter; a word also matches inside "
            "compounds, e.g. 'Glasfaser' finds 'Glasfaserausbau')."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Saving a list re-assigns every paper in a background task (services.topics): asked
    # for at `assignment_requested_at`, done at `assignment_finished_at` (with the number of
    # papers whose topics changed), or failed with `assignment_error`.
    assignment_requested_at = models.DateTimeField(
        _("re-assignment requested"), null=True, blank=True
    )
    assignment_finished_at = models.DateTimeField(_("re-assignment done"), null=True, blank=True)
    assignment_changed = models.PositiveIntegerField(
        _("papers changed by the re-assignment"), null=True, blank=True
    )
    assignment_error = models.TextField(_("re-assignment error"), blank=True)

    class Meta:
        verbose_name = _("topic keywords")
        verbose_name_plural = _("topic keywords")

    def __str__(self) -> str:
        return str(self.topic)

    def words(self) -> list[str]:
        return [w.strip() for w in self.keywords.splitlines() if w.strip()]

    @property
    def assignment_state(self) -> str:
        """ "running" (asked for, not done yet), "failed", "done" or "" (never asked for)."""
        if self.assignment_requested_at is None:
            return ""
        if self.assignment_error:
            return "failed"
        finished = self.assignment_finished_at
        return "running" if finished is None or finished < self.assignment_requested_at else "done"


TYPED_MODELS: dict[str, type[CouncilRecord]] = {
    ObjectType.BODY: OparlBody,
    ObjectType.LEGISLATIVE_TERM: OparlLegislativeTerm,
    ObjectType.LOCATION: OparlLocation,
    ObjectType.ORGANIZATION: OparlOrganization,
    ObjectType.PERSON: OparlPerson,
    ObjectType.MEMBERSHIP: OparlMembership,
    ObjectType.MEETING: OparlMeeting,
    ObjectType.AGENDA_ITEM: OparlAgendaItem,
    ObjectType.PAPER: OparlPaper,
    ObjectType.CONSULTATION: OparlConsultation,
    ObjectType.FILE: OparlFile,
}
"""The typed table of each object type, in dependency order (referenced types first)."""
