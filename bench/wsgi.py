"""WSGI entry point for the HTTP benchmark (bench/http.sh): the real settings and site, plus
/_hello/ from bench/urls.py, and static files from the benchmark's own collected STATIC_ROOT
(BENCH_STATIC_ROOT), so nothing is written into the project."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handbook_site.settings")
settings.ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_STATIC_ROOT"):
    settings.STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

application = get_wsgi_application()
