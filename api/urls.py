"""The read API's routes: django-ninja makes them from the operations in api/views.py; the
open-data download is a plain view beside them."""

from django.urls import path

from .views import api, open_data

urlpatterns = [
    # The open-data download: the whole published handbook as one zip (api/opendata.py).
    path("api/v1/oppna-data.zip", open_data, name="open_data"),
    path("api/v1/", api.urls),
]
