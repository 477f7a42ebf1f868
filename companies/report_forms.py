"""The guided experience-report form. It validates; companies.services writes."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.forms import KeepsStoredChoices
from core.readability import find_personal_data
from methods.choices import Status
from methods.models import Phase
from methods.picker import OneMethodPickerField

from .choices import Factor
from .models import ExperienceReport
from .services import REPORT_CHECKED_FIELDS, report_personal_data_findings

# Factor values start with the place they belong to: deltagare-, upplagg-, arbetsplats-.
FACTOR_GROUPS = [
    ("deltagare", _("Deltagaren")),
    ("upplagg", _("Upplägget")),
    ("arbetsplats", _("Arbetsplatsen")),
]

RECOMMEND_CHOICES = [
    (1, _("1 – Nej, inte alls")),
    (2, _("2 – Knappast")),
    (3, _("3 – Kanske, med ändringar")),
    (4, _("4 – Ja, troligen")),
    (5, _("5 – Ja, absolut")),
]

CONSENT_LABEL = _(
    "Vi samtycker till att rapporten publiceras i handboken. Den innehåller inga uppgifter om "
    "enskilda personers hälsa."
)


def _factor_choices(group: str) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Factor.choices if value.startswith(f"{group}-")]


class FieldGroup(list):
    """Bound fields that includes/form_fields.html can render like a form of their own."""

    non_field_errors = ()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ExperienceReportForm(KeepsStoredChoices, forms.ModelForm):
    """One page in sections. `submitting` makes consent required (a draft does not need it).
    When the text looks like it holds personal data, saving needs an explicit confirmation,
    a draft's too: the form comes back with the findings and the text as typed."""

    recommend_score = forms.TypedChoiceField(
        label=_("Skulle ni rekommendera metoden till andra företag?"),
        choices=RECOMMEND_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hur gärna ni rekommenderar metoden.")},
    )
    consent_to_publish = forms.BooleanField(label=CONSENT_LABEL, required=False)
    confirm_personal_data = forms.BooleanField(
        label=_(
            "Jag har kontrollerat uppgifterna. De är inte privata personuppgifter och får "
            "publiceras."
        ),
        required=False,
    )

    class Meta:
        model = ExperienceReport
        fields = [
            "method", "title", "period_start", "period_end", "context", "adaptations",
            "outcome_reaction", "outcome_learning", "outcome_behaviour", "outcome_results",
            "helped", "hindered", "hours_spent", "cost_sek", "used_external_trainer",
            "trainer", "external_trainer_notes", "recommend_score", "consent_to_publish",
        ]  # fmt: skip
        labels = {
            "method": _("Vilken metod använde ni?"),
            "title": _("Rubrik"),
            "period_start": _("Från"),
            "period_end": _("Till (om ni är klara)"),
            "context": _("Verksamhet, grupp och behov"),
            "adaptations": _("Vad anpassade ni?"),
            "outcome_reaction": _("Hur upplevde deltagarna det?"),
            "outcome_learning": _("Vad lärde de sig?"),
            "outcome_behaviour": _("Används det i arbetet?"),
            "outcome_results": _("Vad blev resultatet för verksamheten?"),
            "helped": _("Berätta mer om det som hjälpte"),
            "hindered": _("Berätta mer om det som hindrade"),
            "hours_spent": _("Arbetstid totalt (timmar)"),
            "cost_sek": _("Kostnad totalt (kr)"),
            "used_external_trainer": _("Vi anlitade en extern utbildare"),
            "trainer": _("Vilken utbildare?"),
            "external_trainer_notes": _("Hur fungerade det med den externa utbildaren?"),
        }
        help_texts = {
            "title": _("Till exempel: Hygienrutiner i caféet med fyra nya deltagare."),
            "context": _(
                "Vilken verksamhet, hur stor grupp och vilket behov ni ville möta. Skriv inte "
                "namn eller uppgifter om enskilda personer."
            ),
            "adaptations": _("Till exempel språk, bildstöd, tempo eller arbetstider."),
            "hours_spent": _(
                "Tid för alla inblandade tillsammans: förberedelse, genomförande och uppföljning."
            ),  # fmt: skip
            "cost_sek": _("Utlägg utöver arbetstiden, till exempel kursavgift och material."),
            "trainer": _(
                "Om utbildaren finns i katalogen över utbildare: då visas rapporten på "
                "utbildarens profil."
            ),
        }
        error_messages = {
            "method": {"required": _("Välj vilken metod rapporten gäller.")},
            "title": {"required": _("Skriv en rubrik.")},
            "period_start": {"required": _("Skriv när ni började.")},
            "context": {"required": _("Beskriv kort verksamheten, gruppen och behovet.")},
        }
        # The method is found by a search in the form (methods/picker.py), not a select of
        # every published method.
        field_classes = {"method": OneMethodPickerField}
        localized_fields = ["hours_spent"]  # "12,5" as Swedish users write it
        widgets = {
            "hours_spent": forms.TextInput(attrs={"inputmode": "decimal"}),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "context": forms.Textarea(attrs={"rows": 4}),
            "adaptations": forms.Textarea(attrs={"rows": 3}),
            "outcome_reaction": forms.Textarea(attrs={"rows": 3}),
            "outcome_learning": forms.Textarea(attrs={"rows": 3}),
            "outcome_behaviour": forms.Textarea(attrs={"rows": 3}),
            "outcome_results": forms.Textarea(attrs={"rows": 3}),
            "helped": forms.Textarea(attrs={"rows": 3}),
            "hindered": forms.Textarea(attrs={"rows": 3}),
            "external_trainer_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels are questions and sentences
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        report = self.instance
        self.fields["trainer"].empty_label = _("Ingen utbildare från katalogen")
        self.fields["hours_spent"].validators.append(MinValueValidator(0))
        self.fields["cost_sek"].widget.attrs["min"] = 0
        self.keep_stored_choices()
        # Published methods; a report keeps its method even if that is no longer published.
        stored = [report.method_id] if report.method_id else []
        self.fields["method"].prepare(self, "method", stored)

        self.phases = list(Phase.objects.order_by("number"))
        notes = report.phase_notes or {}
        for phase in self.phases:
            self.fields[f"phase_{phase.slug}"] = forms.CharField(
                label=f"{phase.number}. {phase.display_name}",
                help_text=phase.summary,
                required=False,
                initial=notes.get(phase.slug, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for kind, chosen in (
            ("helping", report.helping_factors),
            ("hindering", report.hindering_factors),
        ):
            for group, label in FACTOR_GROUPS:
                self.fields[f"{kind}_{group}"] = forms.MultipleChoiceField(
                    label=label,
                    choices=_factor_choices(group),
                    required=False,
                    initial=[v for v in chosen or [] if v.startswith(f"{group}-")],
                    widget=forms.CheckboxSelectMultiple,
                )
        if report.status in (Status.SUBMITTED, Status.PUBLISHED):
            # An editor changing a report on its way to (or in) the handbook.
            self.submitting = True
        # Shown before the form is sent; recomputed from what was typed in clean().
        self.findings: list = (
            [replace(f, field_label=self._field_label(f.field))
             for f in report_personal_data_findings(report)]
            if report.pk and not self.is_bound
            else []
        )  # fmt: skip

    def _field_label(self, name: str) -> str:
        """The label of a checked text field ("fas: <slug>" for a phase note)."""
        if name.startswith("fas: "):
            name = f"phase_{name.removeprefix('fas: ')}"
        field = self.fields.get(name)
        return str(field.label) if field is not None else ""

    def sections(self) -> list[dict]:
        """The page's fieldsets, in order: legend, introduction and the fields in it."""

        def fields(*names: str) -> FieldGroup:
            return FieldGroup(self[name] for name in names)

        factor_names = {
            kind: [f"{kind}_{group}" for group, _label in FACTOR_GROUPS]
            for kind in ("helping", "hindering")
        }
        last = ["recommend_score", "consent_to_publish"]
        if self.findings:
            last.append("confirm_personal_data")
        return [
            {"id": "metod", "legend": _("Metod och period"), "intro": "",
             "fields": fields("method", "title", "period_start", "period_end")},
            {"id": "sammanhang", "legend": _("Sammanhang"), "intro": "",
             "fields": fields("context", "adaptations")},
            {"id": "faser", "legend": _("Vad ni gjorde i varje fas"),
             "intro": _("Skriv kort vad ni faktiskt gjorde. Hoppa över faser ni inte använde."),
             "fields": fields(*(f"phase_{phase.slug}" for phase in self.phases))},
            {"id": "resultat", "legend": _("Vad blev resultatet?"),
             "intro": _("Fyra frågor, från hur det kändes till vad det gav verksamheten."),
             "fields": fields("outcome_reaction", "outcome_learning", "outcome_behaviour",
                              "outcome_results")},
            {"id": "hjalpte", "legend": _("Vad hjälpte?"),
             "intro": _("Kryssa i det som gjorde att det gick bra."),
             "fields": fields(*factor_names["helping"], "helped")},
            {"id": "hindrade", "legend": _("Vad hindrade?"),
             "intro": _("Kryssa i det som gjorde det svårare."),
             "fields": fields(*factor_names["hindering"], "hindered")},
            {"id": "tid", "legend": _("Tid och kostnad"), "intro": "",
             "fields": fields("hours_spent", "cost_sek", "used_external_trainer",
                              "trainer", "external_trainer_notes")},
            {"id": "omdome", "legend": _("Omdöme och samtycke"), "intro": "",
             "fields": fields(*last)},
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutdatumet kan inte vara före startdatumet."))
        texts = {name: data.get(name) or "" for name in REPORT_CHECKED_FIELDS}
        for phase in self.phases:
            texts[f"fas: {phase.slug}"] = data.get(f"phase_{phase.slug}") or ""
        self.findings = find_personal_data(texts, {name: self._field_label(name) for name in texts})
        # A draft is checked too: it is stored, and its text goes on to the handbook later.
        if self.findings and not data.get("confirm_personal_data"):
            self.add_error(
                "confirm_personal_data",
                _(
                    "Texten ser ut att innehålla personuppgifter. Ta bort dem eller bekräfta "
                    "att de får publiceras."
                ),
            )
        if self.submitting:
            if not data.get("consent_to_publish"):
                self.add_error(
                    "consent_to_publish",
                    _("Kryssa i samtycket för att kunna skicka rapporten till redaktionen."),
                )
        return data

    @property
    def personal_data_confirmed(self) -> bool:
        """The text looked like it held personal data and the person confirmed it may stay."""
        return bool(self.findings and self.cleaned_data.get("confirm_personal_data"))

    def save(self, commit: bool = True) -> ExperienceReport:
        report = super().save(commit=False)
        data = self.cleaned_data
        report.phase_notes = {
            phase.slug: data[f"phase_{phase.slug}"].strip()
            for phase in self.phases
            if (data.get(f"phase_{phase.slug}") or "").strip()
        }
        for kind in ("helping", "hindering"):
            chosen = {v for group, _label in FACTOR_GROUPS for v in data.get(f"{kind}_{group}", [])}
            setattr(report, f"{kind}_factors", [v for v in Factor.values if v in chosen])
        if commit:
            report.save()
        return report
