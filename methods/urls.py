from django.urls import path

from . import views

app_name = "methods"

urlpatterns = [
    path("", views.home, name="home"),
    path("fas/<slug:slug>/", views.phase_detail, name="phase"),
    path("metoder/", views.method_list, name="list"),
    path("metoder/<slug:slug>/", views.method_detail, name="detail"),
    path("metoder/<slug:slug>/kort/", views.method_card, name="card"),
    path("metoder/<slug:slug>.pdf", views.method_pdf, name="pdf"),
    path("handbok.pdf", views.handbook_pdf, name="handbook_pdf"),
    path("sok/", views.search_page, name="search"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
