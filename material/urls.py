"""Every route of films and other material."""

from django.urls import path

from . import views

app_name = "material"

urlpatterns = [
    path("metoder/<slug:slug>/filmer/", views.method_films, name="method_films"),
    path("fas/<slug:slug>/filmer/", views.phase_films, name="phase_films"),
    path("filmer/<int:pk>/ta-bort/", views.film_remove, name="film_remove"),
    path("filmer/<int:pk>/film", views.film_video, name="film_video"),
    path("filmer/<int:pk>/textning.vtt", views.film_captions, name="film_captions"),
    path("metoder/<slug:slug>/lankar/", views.method_links, name="method_links"),
    path("lankar/<int:pk>/ta-bort/", views.link_remove, name="link_remove"),
    path("redaktion/doda-lankar/", views.dead_links, name="dead_links"),
    path("metoder/<slug:slug>/bilagor/", views.method_attachments, name="method_attachments"),
    path("bilagor/<int:pk>/", views.attachment, name="attachment"),
]
