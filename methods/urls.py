"""The handbook's URLs. Each view module lists its own paths; Swedish paths are stable."""

from django.urls import path

from .views import comments, editorial, overview, reading, recycle, submission

app_name = "methods"

urlpatterns = [
    path("", reading.home, name="home"),
    path("fas/<slug:slug>/", reading.phase_detail, name="phase"),
    path("metoder/", reading.method_list, name="list"),
    # Before metoder/<slug>/: "ny" is a reserved slug.
    *submission.urlpatterns,
    path("metoder/<slug:slug>/", reading.method_detail, name="detail"),
    path("metoder/<slug:slug>/kort/", reading.method_card, name="card"),
    path("metoder/<slug:slug>.pdf", reading.method_pdf, name="pdf"),
    path("handbok.pdf", reading.handbook_pdf, name="handbook_pdf"),
    path("sok/", reading.search_page, name="search"),
    path("tillganglighet/", reading.accessibility, name="accessibility"),
    *editorial.urlpatterns,
    *overview.urlpatterns,
    *comments.urlpatterns,
    *recycle.urlpatterns,
]
