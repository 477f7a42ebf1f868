"""The open-data download (issue 16, part 3): the published handbook as one zip of the
export_handbook folder, handbok.json and a README with each part's licence, built once per
version and served from storage; importing it into an empty installation gives the same
public data back (the read API's answers; the HTML pages' round trip is
tests/content/test_export_import.py's)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command

from api import opendata
from methods.choices import Licence, Status
from methods.models import Method
from tests.content.test_export_import import report_anchors, wipe

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def download(client) -> zipfile.ZipFile:
    response = client.get("/api/v1/oppna-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="kompetenshandboken.zip"'
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_archive_holds_the_export_the_json_and_a_readme_with_each_licence(demo, client):
    archive = download(client)
    names = set(archive.namelist())
    published = list(Method.objects.published().values_list("slug", "title", "licence"))
    unpublished = Method.objects.exclude(status=Status.PUBLISHED).values_list("slug", flat=True)
    assert {f"kompetenshandboken/methods/{slug}.md" for slug, _t, _l in published} <= names
    assert not any(f"/{slug}.md" in name for slug in unpublished for name in names)
    assert {"kompetenshandboken/README.md", "kompetenshandboken/handbok.json"} <= names
    document = json.loads(archive.read("kompetenshandboken/handbok.json"))
    assert sorted(m["slug"] for m in document["methods"]) == sorted(s for s, _t, _l in published)
    assert len(document["phases"]) == 6
    readme = archive.read("kompetenshandboken/README.md").decode()
    for _slug, title, licence in published:
        section = readme.split(f"### {Licence(licence).label}")[1].split("###")[0]
        assert f"- {title} (" in section
    assert "import_handbook kompetenshandboken" in readme


def test_built_once_per_version_then_served_from_storage(demo, client):
    first = client.get("/api/v1/oppna-data.zip")
    _dirs, stored = default_storage.listdir(opendata.ARCHIVE_DIR)
    assert len(stored) == 1
    again = client.get("/api/v1/oppna-data.zip", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    method = Method.objects.published().first()
    method.title = "Ett nytt namn"
    method.save()
    changed = client.get("/api/v1/oppna-data.zip", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    _dirs, after = default_storage.listdir(opendata.ARCHIVE_DIR)
    assert len(after) == 1 and after != stored  # the older version's archive is gone


def public_data(client) -> dict:
    """Everything the read API shows, with what an import cannot keep (row ids) named instead."""
    anchors = report_anchors()

    def fetch(path: str):
        response = client.get(path)
        assert response.status_code == 200, path
        text = re.sub(r"rapport-(\d+)", lambda m: "rapport-" + anchors[m.group(1)], response.text)
        text = re.sub(r"/reports/(\d+)/", lambda m: f"/reports/{anchors[m.group(1)]}/", text)
        return json.loads(text, object_hook=lambda o: {k: v for k, v in o.items() if k != "id"})

    data = {"/api/v1/phases/": fetch("/api/v1/phases/")}
    # A phase's and a company's updated_at say when the row last changed in this installation
    # (an import changes it); no page shows them. Methods and reports keep theirs.
    for phase in data["/api/v1/phases/"]:
        del phase["updated_at"]
    for path in ("/api/v1/methods/", "/api/v1/companies/", "/api/v1/reports/"):
        listing = fetch(f"{path}?page_size=100")
        assert listing["next"] is None
        data[path] = sorted(listing["results"], key=lambda row: json.dumps(row, sort_keys=True))
    for row in data["/api/v1/methods/"] + data["/api/v1/companies/"]:
        detail = row["api_url"].removeprefix(settings.SITE_URL)
        data[detail] = fetch(detail)
    for path, value in data.items():
        if path.startswith("/api/v1/companies/"):
            for company in value if isinstance(value, list) else [value]:
                del company["updated_at"]
    # Films are listed in handbook.json, but the archive holds no video files and
    # import_handbook does not recreate films: they are not part of the round trip.
    for phase in data["/api/v1/phases/"]:
        del phase["films"]
    for path, value in data.items():
        if path.startswith("/api/v1/methods/") and isinstance(value, dict):
            del value["films"]
    return data


def test_importing_the_archive_into_an_empty_installation_gives_the_same_public_data(
    demo, client, tmp_path
):
    before = public_data(client)
    assert len(before["/api/v1/methods/"]) == Method.objects.published().count() > 10
    assert before["/api/v1/reports/"]
    download(client).extractall(tmp_path / "unpacked")
    wipe()
    assert Method.objects.count() == 0
    call_command("import_handbook", str(tmp_path / "unpacked" / "kompetenshandboken"),
                 stdout=io.StringIO())  # fmt: skip
    after = public_data(client)
    assert after.keys() == before.keys()
    for path in before:
        assert after[path] == before[path], path
