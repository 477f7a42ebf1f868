"""An invited person without an account, on a phone: from the invitation mail to a member.

The company admin invites in one browser; the newcomer, in another at 320 px, follows the
mail's link, creates an account, confirms the address from the second mail and is led back to
the invitation, which they accept. Mail goes to Django's locmem outbox, also from the live
server's thread.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from companies.models import Membership
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
COMPANY_ADMIN = "foretagsadmin@kompetenshandboken.example"
NEWCOMER = "ny.kollega@example.org"
NEW_PASSWORD = "Kanelbulle-med-kardemumma-9"
EMAIL_LABEL = re.compile(r"^E-post")  # allauth's field: "E-post" or "E-postadress"


def log_in(page, email: str, password: str) -> None:
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def link_in_mail_to(address: str, path_pattern: str) -> str:
    """The path of the one link matching path_pattern in the last mail to address."""
    [*_, message] = [m for m in mail.outbox if m.to == [address]]
    found = re.search(rf"https?://[^/\s]+({path_pattern})", message.body)
    assert found, message.body
    return found.group(1)


def assert_fits_320(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide"


def test_invited_newcomer_signs_up_confirms_and_joins_on_a_phone(
    demo_data, page, new_page, axe, mailoutbox
):
    page.set_default_timeout(10_000)
    # The company admin invites the newcomer.
    admin = new_page()
    admin.set_default_timeout(10_000)
    admin.goto("/konto/login/?next=/foretag/kafe-kompassen/medlemmar/")
    log_in(admin, COMPANY_ADMIN, DEMO_PASSWORD)
    expect(admin.get_by_role("heading", level=1)).to_have_text("Medlemmar i Kafé Kompassen")
    invite = admin.get_by_role("region", name="Bjud in en ny medlem")
    invite.get_by_label("E-postadress").fill(NEWCOMER)
    invite.get_by_role("button", name="Skicka inbjudan").click()
    expect(admin.get_by_text(f"En inbjudan har skickats till {NEWCOMER}.")).to_be_visible()
    invitation = link_in_mail_to(NEWCOMER, r"/foretag/inbjudan/[^/\s]+/")

    # The newcomer opens the mail's link on a phone.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(invitation)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbjudan till Kafé Kompassen")
    expect(page.get_by_text("Du är inbjuden att bli medlem i Kafé Kompassen.")).to_be_visible()
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)

    # No account yet: create one; the invited address is filled in.
    page.get_by_role("main").get_by_role("link", name="Skapa konto").click()
    expect(page).to_have_url(re.compile(r"/konto/signup/\?"))
    expect(page.get_by_label(EMAIL_LABEL)).to_have_value(NEWCOMER)
    assert_fits_320(page)
    page.get_by_label("Lösenord:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Lösenord (igen):").fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Skapa konto").click()
    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))

    # The confirmation mail leads back to the invitation.
    confirmation = link_in_mail_to(NEWCOMER, r"/konto/confirm-email/\S+")
    assert confirmation.endswith("?next=" + invitation.replace("/", "%2F"))
    page.goto(confirmation)
    page.get_by_role("main").get_by_role("button", name="Verifiera").click()
    expect(page).to_have_url(re.compile(re.escape(invitation) + "$"))
    expect(page.get_by_role("status")).to_have_text(f"Du har verifierat {NEWCOMER}.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbjudan till Kafé Kompassen")
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)

    # Signed in, the invitation can be accepted.
    page.get_by_role("main").get_by_role("link", name="Logga in").click()
    log_in(page, NEWCOMER, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(invitation) + "$"))
    accept = page.get_by_role("button", name="Acceptera inbjudan")
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    accept.click()
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/$"))
    expect(page.get_by_text("Välkommen! Du är nu medlem i Kafé Kompassen.")).to_be_visible()

    membership = Membership.objects.get(user__email=NEWCOMER)
    assert (membership.company.slug, membership.role) == ("kafe-kompassen", "member")

    # The admin sees the new member, and the invitation is no longer waiting.
    admin.reload()
    members = admin.get_by_role("main")
    expect(members.get_by_role("row", name=re.compile(NEWCOMER.split("@")[0]))).to_have_count(1)
    expect(members.get_by_role("button", name=f"Återkalla {NEWCOMER}")).to_have_count(0)
    assert page.js_errors == []
