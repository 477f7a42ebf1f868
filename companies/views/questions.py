"""Questions and study-visit requests between companies: ask a company, read a question, its
admins answer it, and the company's inbox. Who may do what: companies.permissions."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from core.paging import bounded

from .. import permissions, questions
from ..choices import QuestionKind
from ..models import Company, Question
from ..question_forms import AnswerForm, QuestionForm


def _company(slug: str) -> Company:
    return get_object_or_404(Company, slug=slug)


def _ask_page(request, company: Company, form: QuestionForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "companies/questions/question_form.html",
        {"company": company, "form": form},
        status=status,
    )


def _over_limit(request: HttpRequest) -> int:
    """Seconds to wait when the user has sent too many questions lately, else 0."""
    period = max(1, settings.RATELIMIT_QUESTION_PERIOD)
    key = f"question:user:{request.user.pk}"
    if ratelimit.limit(key, settings.RATELIMIT_QUESTION, period):
        return 0
    return ratelimit.retry_after(period)


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask a company a question or for a study visit: from a method page (?metod=<slug>) or
    from the company's profile (?slag=studiebesok)."""
    company = _company(slug)
    if not permissions.can_ask_company(request.user, company):
        raise PermissionDenied
    study_visits = permissions.can_request_study_visit(request.user, company)
    if request.method == "GET":
        initial = {}
        wanted = request.GET.get("metod", "")
        if wanted:
            initial["method"] = (
                questions.reported_methods(company)
                .filter(slug=wanted)
                .values_list("pk", flat=True)
                .first()
            )
        if request.GET.get("slag") == QuestionKind.STUDY_VISIT and study_visits:
            initial["kind"] = QuestionKind.STUDY_VISIT
        return _ask_page(
            request,
            company,
            QuestionForm(initial=initial, company=company, study_visits=study_visits),
        )
    form = QuestionForm(request.POST, company=company, study_visits=study_visits)
    if not form.is_valid():
        return _ask_page(request, company, form, status=400)
    wait = _over_limit(request)
    if wait:
        # The text stays in the form: nothing typed is lost.
        form.add_error(
            None,
            _(
                "Du har skickat många frågor på kort tid. Vänta en stund och skicka sedan igen. "
                "Din text finns kvar nedan."
            ),
        )
        response = _ask_page(request, company, form, status=429)
        response["Retry-After"] = str(wait)
        return response
    data = form.cleaned_data
    question = questions.ask(company, request.user, data["kind"], data["body"], data["method"])
    messages.success(
        request,
        _("Tack! Din fråga är skickad till %(company)s. Du får ett mejl när de har svarat.")
        % {"company": company.name},
    )
    return redirect(question)


def _question(request: HttpRequest, slug: str, pk: int) -> Question:
    """The question if the user may read it; 404 for everyone else (a private question's
    existence is not told), and under any other company's address."""
    question = get_object_or_404(
        Question.objects.select_related("company", "asker", "answered_by", "method"),
        pk=pk,
        company__slug=slug,
    )
    if not permissions.can_read_question(request.user, question):
        raise Http404
    return question


def _question_page(request, question: Question, form=None, status=200) -> HttpResponse:
    can_answer = permissions.can_answer_question(request.user, question)
    if form is None and can_answer and not question.is_answered:
        form = AnswerForm()
    return render(
        request,
        "companies/questions/question_detail.html",
        {
            "question": question,
            "company": question.company,
            "form": form,
            "can_answer": can_answer,
            "asker_name": questions.shown_name(question.asker),
            "answerer_name": questions.shown_name(question.answered_by),
        },
        status=status,
    )


@login_required
@require_safe
def question_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _question_page(request, _question(request, slug, pk))


@login_required
@require_POST
def question_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    question = _question(request, slug, pk)
    if not permissions.can_answer_question(request.user, question):
        raise PermissionDenied
    if question.is_answered:
        messages.info(request, _("Frågan är redan besvarad."))
        return redirect(question)
    form = AnswerForm(request.POST, instance=question)
    if not form.is_valid():
        return _question_page(request, question, form, status=400)
    questions.answer(question, request.user, form.cleaned_data["answer"])
    messages.success(request, _("Svaret är skickat. Den som frågade får ett mejl med en länk."))
    return redirect(question)


@login_required
@require_safe
def question_inbox(request: HttpRequest, slug: str) -> HttpResponse:
    """The company's admins: every question to the company, open ones first."""
    company = _company(slug)
    if not permissions.can_read_question_inbox(request.user, company):
        raise PermissionDenied
    return render(
        request,
        "companies/questions/question_inbox.html",
        {"company": company, "questions": bounded(questions.inbox(company), request.GET, "sida")},
    )
