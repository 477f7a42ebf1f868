"""Every route of the companies app, in the order Django tries them.

Most live under /foretag/; the site-wide search and the editors' overview (pages about the
handbook and the companies together, which live here because companies may use methods and
methods never uses companies) keep the root paths they always had. Under /foretag/, fixed words
come before <slug>/, and the company page itself comes last."""

from django.urls import path

from .views import directory, efforts, members, overview, profile, questions, reports, search

app_name = "companies"

urlpatterns = [
    path("sok/", search.search_page, name="search"),
    path("redaktion/oversikt/", overview.overview, name="overview"),
    path("foretag/", directory.company_list, name="list"),
    # Members and invitations. Before <slug>/: "inbjudan" is a reserved slug.
    path("foretag/inbjudan/<str:token>/", members.invitation, name="invitation"),
    path("foretag/<slug:slug>/medlemmar/", members.members, name="members"),
    path("foretag/<slug:slug>/medlemmar/<int:pk>/roll/", members.member_role, name="member_role"),
    path(
        "foretag/<slug:slug>/medlemmar/<int:pk>/ta-bort/",
        members.member_remove,
        name="member_remove",
    ),
    path(
        "foretag/<slug:slug>/inbjudningar/<int:pk>/aterkalla/",
        members.invitation_cancel,
        name="invitation_cancel",
    ),
    # The company profile and its data export.
    path("foretag/<slug:slug>/redigera/", profile.company_edit, name="edit"),
    path("foretag/<slug:slug>/export.json", profile.export_json, name="export_json"),
    path("foretag/<slug:slug>/export.zip", profile.export_csv, name="export_csv"),
    # Experience reports. Before <slug>/: "redaktion" is a reserved slug.
    path("foretag/redaktion/rapporter/", reports.report_queue, name="report_queue"),
    path("foretag/redaktion/rapporter/<int:pk>/", reports.report_review, name="report_review"),
    path(
        "foretag/redaktion/rapporter/<int:pk>/publicera/",
        reports.report_publish,
        name="report_publish",
    ),
    path(
        "foretag/redaktion/rapporter/<int:pk>/andringar/",
        reports.report_request_changes,
        name="report_request_changes",
    ),
    path(
        "foretag/redaktion/rapporter/<int:pk>/arkivera/",
        reports.report_archive,
        name="report_archive",
    ),
    path("foretag/<slug:slug>/rapporter/", reports.report_list, name="reports"),
    path("foretag/<slug:slug>/rapporter/ny/", reports.report_new, name="report_new"),
    path(
        "foretag/<slug:slug>/rapporter/<int:pk>/redigera/", reports.report_edit, name="report_edit"
    ),
    # Competence-development efforts.
    path("foretag/<slug:slug>/insatser/", efforts.effort_list, name="efforts"),
    path("foretag/<slug:slug>/insatser/ny/", efforts.effort_new, name="effort_new"),
    path("foretag/<slug:slug>/insatser/<int:pk>/", efforts.effort_detail, name="effort"),
    path("foretag/<slug:slug>/insatser/<int:pk>/bocka/", efforts.effort_check, name="effort_check"),
    path(
        "foretag/<slug:slug>/insatser/<int:pk>/fas/<int:number>/",
        efforts.effort_phase,
        name="effort_phase",
    ),
    path(
        "foretag/<slug:slug>/insatser/<int:pk>/nasta-fas/",
        efforts.effort_complete_phase,
        name="effort_next",
    ),
    # Questions and study-visit requests between companies.
    path("foretag/<slug:slug>/fraga/", questions.question_new, name="question_new"),
    path("foretag/<slug:slug>/fragor/", questions.question_inbox, name="questions"),
    path("foretag/<slug:slug>/fragor/<int:pk>/", questions.question_detail, name="question"),
    path(
        "foretag/<slug:slug>/fragor/<int:pk>/svara/",
        questions.question_answer,
        name="question_answer",
    ),
    # Last: everything else under /foretag/<slug>/ is a company page.
    path("foretag/<slug:slug>/", directory.company_detail, name="detail"),
]
