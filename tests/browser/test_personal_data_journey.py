"""A member downloads everything the portal holds about them from Min sida, in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
MEMBER = "medlem@kompetenshandboken.example"
EMAIL_LABEL = re.compile(r"^E-post")  # allauth's field: "E-post" or "E-postadress"
COMMENT = "Vi prövade trepartssamtalet i caféet, och deltagaren ville gärna fortsätta."


def test_member_downloads_their_own_data_from_min_sida(demo_data, page, axe):
    page.set_default_timeout(10_000)
    page.goto("/konto/login/?next=/metoder/trepartssamtal/")
    page.get_by_label(EMAIL_LABEL).fill(MEMBER)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/metoder/trepartssamtal/$"))

    # Something of their own to find in the file: a comment.
    page.get_by_label("Din kommentar").fill(COMMENT)
    page.get_by_role("button", name="Publicera kommentaren").click()
    expect(page.get_by_role("region", name="Kommentarer").get_by_text(COMMENT)).to_be_visible()

    page.goto("/konto/profil/")
    section = page.get_by_role("region", name="Dina uppgifter")
    expect(section).to_contain_text("Du kan ladda ner allt som Kompetenshandboken sparar om dig")
    assert_no_axe_violations(axe, page)
    with page.expect_download() as download_info:
        section.get_by_role("link", name="Ladda ner mina uppgifter (JSON)").click()
    download = download_info.value
    today = timezone.localdate().isoformat()
    assert download.suggested_filename == f"kompetenshandboken-mina-uppgifter-{today}.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))

    assert data["account"]["email"] == MEMBER
    assert data["account"]["display_name"] == "Mikael Medlem"
    assert [m["company"] for m in data["memberships"]] == ["Kafé Kompassen"]
    assert [(c["method"], c["body"]) for c in data["comments"]] == [
        ("Trepartssamtal före insatsen", COMMENT)
    ]
    assert "Deltagarledd arbetsplatsträff" in [m["title"] for m in data["methods"]]
    # Min sida is still there after the download; nothing on the page changed.
    expect(page).to_have_url(re.compile(r"/konto/profil/$"))
    assert page.js_errors == []
