"""The read API's routes: django-ninja makes them from the operations in api/views.py."""

from django.urls import path

from .views import api

urlpatterns = [
    path("api/v1/", api.urls),
]
