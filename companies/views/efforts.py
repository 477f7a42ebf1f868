"""Efforts (insatser): a company's members follow one competence-development effort through
the six phases. Private to the company's members and to editors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import redisplayed
from core.models import SiteVersion
from methods.models import ChecklistItem, MethodStep, Phase
from methods.picker import finds_methods

from .. import efforts as effort_services
from .. import permissions
from ..effort_forms import EffortForm, EffortPhaseForm
from ..models import Company, Effort, EffortPhase


def _company_for_efforts(request: HttpRequest, slug: str) -> Company:
    """The company if the user may follow its efforts; 404 otherwise (they are private)."""
    company = get_object_or_404(Company, slug=slug)
    if not permissions.can_follow_company(request.user, company):
        raise Http404
    return company


def _effort(request: HttpRequest, slug: str, pk: int) -> Effort:
    return get_object_or_404(
        Effort.objects.visible_to(request.user).select_related(
            "company", "current_phase", "report"
        ),
        pk=pk,
        company__slug=slug,
    )


@login_required
def effort_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Where every effort of the company stands, as a row of six phases."""
    company = _company_for_efforts(request, slug)
    efforts = (
        company.efforts.select_related("current_phase")
        .annotate(method_count=Count("methods", distinct=True))
        .order_by("finished_at", "-updated_at")
    )
    return render(
        request,
        "companies/efforts/list.html",
        {"company": company, "efforts": efforts, "phases": list(Phase.objects.all())},
    )


@login_required
def effort_new(request: HttpRequest, slug: str) -> HttpResponse:
    company = _company_for_efforts(request, slug)
    if finds_methods(request):
        form = redisplayed(EffortForm, request.POST, company=company)
    else:
        form = EffortForm(request.POST or None, company=company)
    if form.is_bound and form.is_valid():

        def save(effort: Effort) -> None:
            effort.title = form.cleaned_data["title"]
            effort.goal = form.cleaned_data["goal"]
            effort.responsible_roles = form.cleaned_data["responsible_roles"]
            effort.save()
            effort.methods.set(form.cleaned_data["methods"])
            effort.responsible_members.set(form.cleaned_data["responsible_members"])

        effort = effort_services.create_effort(company, request.user, save)
        messages.success(request, _("Insatsen är skapad. Börja med fas 1: behov och mål."))
        return redirect(effort.get_absolute_url())
    return render(
        request,
        "companies/efforts/form.html",
        {"company": company, "form": form},
        status=400 if form.is_bound else 200,
    )


def _checklists() -> tuple[list[Phase], list[ChecklistItem]]:
    """The phases and their own checklists: the handbook's structure, the same for every
    effort, kept until an editor changes a phase or a checklist item."""
    return list(Phase.objects.all()), list(ChecklistItem.objects.all())


def _detail_context(effort: Effort, forms: dict | None = None, opened: int | None = None) -> dict:
    """The six phases as folding sections. Open are: the current phase (once the effort is
    finished, the first phase with unticked items), the phase `opened` that a form just
    answered for, and a phase whose form has errors."""
    phases, items = SiteVersion.objects.cached_structure("effort-checklists", _checklists)
    methods = list(effort.methods.order_by("title").only("title", "slug"))
    by_pk = {method.pk: method for method in methods}
    steps = list(
        MethodStep.objects.filter(method__in=methods)
        .only("method_id", "phase_id", "role", "text")
        .order_by("method__title", "role")
    )
    for step in steps:
        step.method = by_pk[step.method_id]  # the title is on the row fetched above
    checks = {c.item_key: c for c in effort.checks.select_related("checked_by")}
    records = {r.phase_id: r for r in effort.phase_records.all()}
    forms = forms or {}
    rows = []
    for phase in phases:
        record = records.get(phase.pk) or EffortPhase(effort=effort, phase=phase)
        entries = effort_services.checklist(phase, checks, items, steps)
        is_current = phase.pk == effort.current_phase_id and not effort.finished_at
        rows.append(
            {
                "phase": phase,
                "record": record,
                "entries": entries,
                "done": sum(1 for e in entries if e.check),
                "form": forms.get(phase.pk)
                or EffortPhaseForm(instance=record, prefix=f"fas{phase.number}"),
                "is_current": is_current,
                "is_done": bool(record.completed_on),
                "is_open": is_current or phase.number == opened or phase.pk in forms,
            }
        )
    if effort.finished_at:
        unticked = next((r for r in rows if r["done"] < len(r["entries"])), None)
        if unticked is not None:
            unticked["is_open"] = True
    return {
        "effort": effort,
        "company": effort.company,
        "rows": rows,
        "methods": methods,
        # For the error summary: a phase's form with errors sits in its row, not in the context.
        "invalid_forms": list(forms.values()),
    }


def _opened_phase(request: HttpRequest) -> int | None:
    """The phase number in ?fas=N: where a form without JavaScript came back to."""
    value = request.GET.get("fas", "")
    return int(value) if value.isdigit() and len(value) < 3 else None


def _wants_json(request: HttpRequest) -> bool:
    """The checklist script asks for JSON; a form post from the browser prefers HTML."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@login_required
def effort_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    effort = _effort(request, slug, pk)
    context = _detail_context(effort, opened=_opened_phase(request))
    return render(request, "companies/efforts/detail.html", context)


@login_required
@require_POST
def effort_check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Tick or untick one item. The form without JavaScript comes back to the item on the page,
    its phase open; the checklist script (Accept: application/json) gets the item's new state
    and its phase's count as JSON, and the page stays where it is."""
    effort = _effort(request, slug, pk)
    key = request.POST.get("punkt", "")
    checked = request.POST.get("klar") == "1"
    phase = effort_services.toggle_check(effort, key, request.user, checked)
    if phase is None:
        message = _("Punkten hör inte till insatsen.")
        if _wants_json(request):
            return JsonResponse({"error": message}, status=400)
        return HttpResponse(message, status=400)
    if _wants_json(request):
        return JsonResponse(_check_answer(effort, phase, key))
    # The same id as the item's <li> in the template ("punkt-" + the key without its colon).
    return redirect(f"{effort.get_absolute_url()}?fas={phase.number}#punkt-{key.replace(':', '')}")


def _check_answer(effort: Effort, phase: Phase, key: str) -> dict:
    """What the checklist script shows after a tick: the same partials as the page."""
    entries = effort_services.phase_checklist(effort, phase)
    entry = next((e for e in entries if e.key == key), None)
    done = sum(1 for e in entries if e.check)
    return {
        "item": key,
        "checked": bool(entry and entry.check),
        "done": done,
        "total": len(entries),
        "count": render_to_string(
            "companies/efforts/_phase_count.html", {"done": done, "total": len(entries)}
        ).strip(),
        "note": render_to_string("companies/efforts/_check_note.html", {"entry": entry}).strip(),
        "message": _("Sparat"),
    }


@login_required
@require_POST
def effort_phase(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    effort = _effort(request, slug, pk)
    record = get_object_or_404(
        EffortPhase.objects.select_related("phase"), effort=effort, phase__number=number
    )
    form = EffortPhaseForm(request.POST, instance=record, prefix=f"fas{number}")
    if not form.is_valid():
        context = _detail_context(effort, forms={record.phase_id: form})
        return render(request, "companies/efforts/detail.html", context, status=400)
    form.save()
    messages.success(request, _("Fasen är sparad."))
    return redirect(f"{effort.get_absolute_url()}?fas={number}#fas-{number}")


@login_required
@require_POST
def effort_complete_phase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    effort = _effort(request, slug, pk)
    if effort.finished_at:
        messages.info(request, _("Insatsen är redan avslutad."))
        return redirect(effort.get_absolute_url())
    report = effort_services.complete_phase(effort, request.user)
    if effort.finished_at:
        messages.success(
            request,
            _(
                "Insatsen är avslutad. Vi har gjort ett utkast till erfarenhetsrapport av det ni "
                "antecknade. Läs igenom, komplettera och skicka in det."
            ),  # fmt: skip
        )
        if report is not None:
            return redirect(reverse("companies:report_edit", args=[effort.company.slug, report.pk]))
        return redirect(effort.get_absolute_url())
    messages.success(
        request,
        _("Bra! Nu är ni i fas %(number)s: %(name)s.")
        % {"number": effort.current_phase.number, "name": effort.current_phase.name},
    )
    return redirect(f"{effort.get_absolute_url()}#fas-{effort.current_phase.number}")
