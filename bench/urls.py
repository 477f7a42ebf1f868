"""The benchmark's URLconf: the real site plus a hello-world ceiling view at /_hello/.

Selected only by the benchmark (override_settings in bench/run.py, bench/wsgi.py for gunicorn);
the site itself never routes here.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from handbook_site.urls import handler403, handler404, handler500  # noqa: F401 - error pages


def hello(request: HttpRequest) -> HttpResponse:
    """The ceiling: the full middleware stack around a view that does nothing."""
    return HttpResponse("ok")


urlpatterns = [
    path("_hello/", hello),
    path("", include("handbook_site.urls")),
]
