"""The static files storage remembers each address per process (core.staticfiles): the same
answer as WhiteNoise's manifest storage, asked of it once, and asked again after collectstatic."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from core.staticfiles import RememberedStaticFilesStorage


def _storage(folder, hashes: dict[str, str]) -> RememberedStaticFilesStorage:
    (folder / "staticfiles.json").write_text(
        json.dumps({"paths": hashes, "version": "1.1", "hash": "x"})
    )
    return RememberedStaticFilesStorage(location=str(folder), base_url="/static/")


@override_settings(DEBUG=False)
def test_the_hashed_address_is_remembered(tmp_path):
    storage = _storage(tmp_path, {"css/site.css": "css/site.abc123.css"})
    plain = CompressedManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")
    url = CompressedManifestStaticFilesStorage.url
    with mock.patch.object(CompressedManifestStaticFilesStorage, "url", autospec=True) as asked:
        asked.side_effect = url
        for _ in range(3):
            assert storage.url("css/site.css") == "/static/css/site.abc123.css"
    assert asked.call_count == 1
    assert storage.url("css/site.css") == plain.url("css/site.css")


@override_settings(DEBUG=False)
def test_a_name_missing_from_the_manifest_raises_every_time(tmp_path):
    storage = _storage(tmp_path, {})
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_debug_is_part_of_the_key(tmp_path, settings):
    storage = _storage(tmp_path, {"css/site.css": "css/site.abc123.css"})
    settings.DEBUG = False
    assert storage.url("css/site.css") == "/static/css/site.abc123.css"
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"


@override_settings(DEBUG=False)
def test_collectstatic_drops_what_was_remembered(tmp_path):
    source = tmp_path / "source"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text("body { color: black; }")
    target = tmp_path / "target"
    target.mkdir()
    storage = _storage(target, {"css/site.css": "css/site.old.css"})
    assert storage.url("css/site.css") == "/static/css/site.old.css"
    # What collectstatic does: copy the file, then post-process (hash) it.
    with open(source / "css" / "site.css", "rb") as file:
        storage.save("css/site.css", file)
    for _ in storage.post_process({"css/site.css": (storage, "css/site.css")}):
        pass
    assert storage.url("css/site.css") != "/static/css/site.old.css"
    assert storage.url("css/site.css") == storage._url(storage.stored_name, "css/site.css")
