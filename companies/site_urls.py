"""Pages about the handbook and the companies together, at the site's root with the paths they
always had (not under /foretag/): the site-wide search and the editors' overview. They live in
companies because companies may use methods and methods never uses companies."""

from django.urls import path

from .views import overview, search

app_name = "site"

urlpatterns = [
    path("sok/", search.search_page, name="search"),
    path("redaktion/oversikt/", overview.overview, name="overview"),
]
