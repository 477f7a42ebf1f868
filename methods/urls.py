from django.urls import path

from . import views

app_name = "methods"

urlpatterns = [
    path("", views.home, name="home"),
    path("fas/<slug:slug>/", views.phase_detail, name="phase"),
    path("metoder/", views.method_list, name="list"),
    path("metoder/<slug:slug>/", views.method_detail, name="detail"),
    path("sok/", views.search, name="search"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
