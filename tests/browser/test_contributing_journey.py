"""Contributing to the handbook in Chromium: sign up, share a method, review, conflicts, comments.

Several people act at once here, each in a browser context of their own. E-mail goes to
Django's locmem outbox, also from the live server's thread.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from companies.models import Invitation
from core.readability import lix
from methods.choices import Status
from methods.models import Comment, Method
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import PASSWORD, MethodFactory, make_editor

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
EDITOR = "redaktor@kompetenshandboken.example"
MEMBER = "medlem@kompetenshandboken.example"
COMPANY_ADMIN = "foretagsadmin@kompetenshandboken.example"
OTHER_MEMBER = "sara.lindqvist@kompetenshandboken.example"
DRAFT = "deltagarledd-arbetsplatstraff"  # a demo draft by medlem@

NEW_USER = "ny.skribent@example.org"
NEW_PASSWORD = "Kanelbulle-med-kardemumma-9"
TITLE = "Skugga en kollega i disken"
SUMMARY = "Deltagaren går bredvid en van kollega en hel dag. Sedan gör de disken tillsammans."
EASY_START = "Du går med en kollega."
EASY_MORE = " Ni diskar ihop. Du frågar när du undrar något. Sedan gör du själv."
EDITOR_MESSAGE = "Skriv hur ni ser att deltagaren använder rutinen efter en vecka."
FOLLOW_UP = "Handledaren ser efter en vecka att deltagaren följer rutinen själv."
CONFLICT = "Någon annan har sparat ändringar i metoden medan du skrev."


def log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def continue_button(page):
    return page.get_by_role("button", name="Spara och fortsätt", exact=True)


def test_new_member_shares_a_method_that_the_editor_reviews_and_publishes(
    demo_data, page, new_page, axe, mailoutbox
):
    page.set_default_timeout(10_000)
    # Sign up; the account is used only after the address is verified.
    page.goto("/konto/signup/")
    page.get_by_label("E-postadress").fill(NEW_USER)
    page.get_by_label("Lösenord:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Lösenord (igen):").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))
    [verification] = mails_to(NEW_USER)
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^/\s]+/)", verification.body)
    assert link, verification.body
    page.goto(link.group(1))
    expect(page.get_by_text(NEW_USER)).to_be_visible()
    page.get_by_role("main").get_by_role("button", name="Verifiera").click()
    # Confirmed, not signed in: the login page says so.
    expect(page).to_have_url(re.compile(r"/konto/login/$"))
    expect(page.get_by_role("status")).to_have_text(f"Du har verifierat {NEW_USER}.")
    assert User.objects.get(email=NEW_USER).emailaddress_set.get().verified
    log_in(page, NEW_USER, NEW_PASSWORD)

    # Share a method: the basics. Sending the empty form shows every error next to its field.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Dela en metod"
    ).click()
    expect(page).to_have_url(re.compile(r"/metoder/ny/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Grunder")
    assert_no_axe_violations(axe, page)
    continue_button(page).click()
    # The error summary links to the field; the message also stands by the field itself.
    expect(page.get_by_role("link", name="Titel: Skriv ett namn på metoden.")).to_be_visible()
    expect(page.get_by_text("Skriv ett namn på metoden.", exact=True)).to_be_visible()
    expect(page.get_by_text("Välj minst en roll.", exact=True)).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(axe, page)

    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Sammanfattning").fill(SUMMARY)
    page.get_by_role("group", name="Lärandeform").get_by_label("I arbetet").check()
    roles = page.get_by_role("group", name="Vem är metoden för?")
    roles.get_by_label("Deltagare").check()
    roles.get_by_label("Handledare").check()
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/metoder/[-a-z0-9]+/redigera/faser/$"))
    method = Method.objects.get(title=TITLE)
    assert (method.status, method.author.email) == (Status.DRAFT, NEW_USER)
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/faser/$"))

    # Phases and roles; then leave for now.
    expect(page.get_by_role("heading", level=1)).to_have_text("Faser och roller")
    phase = page.get_by_role("group", name="3. Genomförande")
    phase.get_by_role("checkbox", name="3. Genomförande").check()
    phase.get_by_label("Deltagare").fill("Går bredvid kollegan och diskar sedan själv.")
    phase.get_by_label("Handledare").fill("Väljer en van kollega och följer upp efter dagen.")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page).to_have_url(re.compile(r"/konto/profil/$"))
    expect(page.get_by_text("Sparat. Du kan fortsätta när du vill.")).to_be_visible()
    mine = page.get_by_role("region", name="Mina bidrag").get_by_role("row", name=TITLE)
    expect(mine).to_contain_text("Utkast")
    assert_no_axe_violations(axe, page)

    # A new session continues at the step after the phases.
    page.get_by_role("banner").get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()
    log_in(page, NEW_USER, NEW_PASSWORD)
    page.goto(f"/metoder/{method.slug}/redigera/")
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/praktiskt/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Praktiskt")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Förberedelse (minuter)").fill("15")
    page.get_by_label("Genomförande (minuter)").fill("240")
    page.get_by_label("Uppföljning (minuter)").fill("15")
    page.get_by_label("Material:", exact=True).fill("Förkläde och diskhandskar.")
    continue_button(page).click()

    # The easy-read version: its readability is shown while typing.
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/lattlast/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lättläst version")
    easy_read = page.get_by_label("Lättläst version")
    readability = page.locator(".lix-hint output")
    expect(readability).to_have_text("–")
    easy_read.press_sequentially(EASY_START)
    expect(readability).to_have_text(str(lix(EASY_START)))
    easy_read.press_sequentially(EASY_MORE)
    assert lix(EASY_START + EASY_MORE) != lix(EASY_START)
    expect(readability).to_have_text(str(lix(EASY_START + EASY_MORE)))
    assert_no_axe_violations(axe, page)
    continue_button(page).click()

    # Preview and submit.
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/granska/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Förhandsgranska och skicka in")
    expect(page.get_by_role("region", name="Så här kommer metoden att se ut")).to_contain_text(
        TITLE
    )
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Skicka in till redaktionen").click()
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/$"))
    expect(page.get_by_text("Tack! Metoden är inskickad.")).to_be_visible()
    expect(page.get_by_text("Status: Inskickad.")).to_be_visible()
    [submitted] = [m for m in mailoutbox if "Ny metod att granska" in m.subject]
    assert EDITOR in submitted.to and NEW_USER not in submitted.to
    assert f"/redaktion/granska/{method.slug}/" in submitted.body

    # The editor asks for a change.
    editor = new_page()
    log_in(editor, EDITOR)
    editor.goto("/redaktion/")
    queue = editor.get_by_role("region", name=re.compile(r"^Att granska"))
    expect(queue.get_by_role("link", name=TITLE)).to_be_visible()
    assert_no_axe_violations(axe, editor)
    queue.get_by_role("link", name=TITLE).click()
    expect(editor).to_have_url(re.compile(rf"/redaktion/granska/{method.slug}/$"))
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Granska: {TITLE}")
    assert_no_axe_violations(axe, editor)
    editor.get_by_label("Meddelande till skribenten").fill(EDITOR_MESSAGE)
    editor.get_by_role("button", name="Skicka tillbaka med meddelande").click()
    expect(editor).to_have_url(re.compile(r"/redaktion/$"))
    expect(editor.get_by_text("Skribenten har fått ditt meddelande.")).to_be_visible()
    [changes] = mails_to(NEW_USER)[1:]
    assert "ber dig ändra" in changes.subject and EDITOR_MESSAGE in changes.body

    # The author reads the message, adds what was missing and sends the method in again.
    page.goto(f"/metoder/{method.slug}/")
    expect(page.get_by_role("note")).to_contain_text(EDITOR_MESSAGE)
    expect(
        page.get_by_role("navigation", name="Arbeta med metoden").get_by_role(
            "link", name="Fortsätt redigera"
        )
    ).to_have_attribute("href", f"/metoder/{method.slug}/redigera/")
    # The e-mail's link continues where the author was: the preview, with the message.
    continue_link = re.search(r"https?://[^/\s]+(/metoder/[^/\s]+/redigera/)", changes.body)
    assert continue_link and continue_link.group(1) == f"/metoder/{method.slug}/redigera/"
    page.goto(continue_link.group(1))
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/granska/$"))
    expect(page.get_by_role("note")).to_contain_text(EDITOR_MESSAGE)
    assert_no_axe_violations(axe, page)
    page.get_by_role("navigation", name="Steg i formuläret").get_by_role(
        "link", name="3. Praktiskt"
    ).click()
    expect(page.get_by_role("note")).to_contain_text(EDITOR_MESSAGE)
    page.get_by_label("Uppföljning: beteende i arbetet").fill(FOLLOW_UP)
    continue_button(page).click()
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/redigera/lattlast/$"))
    page.get_by_role("navigation", name="Steg i formuläret").get_by_role(
        "link", name="5. Förhandsgranska och skicka in"
    ).click()
    page.get_by_role("button", name="Skicka in till redaktionen").click()
    expect(page.get_by_text("Tack! Metoden är inskickad.")).to_be_visible()
    assert len([m for m in mailoutbox if "Ny metod att granska" in m.subject]) == 2

    # The editor publishes.
    editor.goto(f"/redaktion/granska/{method.slug}/")
    expect(editor.get_by_role("region", name="Innehåll")).to_contain_text(SUMMARY)
    editor.get_by_role("button", name="Publicera", exact=True).click()
    expect(editor).to_have_url(re.compile(rf"/metoder/{method.slug}/$"))
    expect(editor.get_by_text("Metoden är publicerad.")).to_be_visible()
    published = mails_to(NEW_USER)[-1]
    assert "är publicerad" in published.subject and f"/metoder/{method.slug}/" in published.body
    assert len(mails_to(NEW_USER)) == 3  # verification, changes requested, published

    # Anyone can read it now, and follow its published versions; the drafts before it stay
    # the author's and the editors'.
    visitor = new_page()
    response = visitor.goto(f"/metoder/{method.slug}/")
    assert response is not None and response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("inte publicerad")).to_have_count(0)
    visitor.get_by_role("navigation", name="Skriv ut och dela").get_by_role(
        "link", name="Versioner"
    ).click()
    expect(visitor).to_have_url(re.compile(rf"/metoder/{method.slug}/historik/$"))
    messages = visitor.locator(".revision-table tbody tr td:nth-child(4)")
    expect(messages).to_have_count(1)
    expect(messages.nth(0)).to_have_text("Publicerad")
    assert_no_axe_violations(axe, visitor)
    newest = method.revisions.order_by("-number").first().number
    asked = method.revisions.get(message="Ändringar begärda").number
    # A version number the visitor may not see answers 404 (asked without opening it, so the
    # page's console stays clean).
    hidden = visitor.request.get(f"/metoder/{method.slug}/historik/?fran={asked}&till={newest}")
    assert hidden.status == 404 and FOLLOW_UP not in hidden.text()

    # The author follows every version and compares any two.
    page.goto(f"/metoder/{method.slug}/historik/")
    messages = page.locator(".revision-table tbody tr td:nth-child(4)")
    expect(messages.nth(0)).to_have_text("Publicerad")
    expect(messages.nth(1)).to_have_text("Inskickad för granskning")
    expect(messages.filter(has_text="Ändringar begärda")).to_have_count(1)
    expect(messages.filter(has_text="Inskickad för granskning")).to_have_count(2)
    page.get_by_label("Jämför version").select_option(str(asked))
    page.get_by_label("med version").select_option(str(newest))
    page.get_by_role("button", name="Visa skillnader").click()
    diff = page.get_by_role("region", name=f"Skillnader mellan version {asked} och {newest}")
    expect(diff.locator("ins").filter(has_text=FOLLOW_UP)).to_have_count(1)
    expect(diff.get_by_role("heading", name="Status")).to_be_visible()
    assert_no_axe_violations(axe, page)

    method.refresh_from_db()
    assert (method.status, method.indicator_behaviour) == (Status.PUBLISHED, FOLLOW_UP)
    # Only the browser's report of the 400 status of the basics shown with their errors.
    assert [e for e in page.js_errors if "status of 400" not in e] == []
    assert editor.js_errors == []
    assert visitor.js_errors == []


def test_two_editors_save_the_same_step_and_the_second_merges_by_hand(demo_data, new_page, axe):
    make_editor(email="redaktor2@example.org", display_name="Ebba Redaktör")
    path = f"/metoder/{DRAFT}/redigera/lattlast/"
    first, second = new_page(), new_page()
    log_in(first, EDITOR)
    log_in(second, "redaktor2@example.org", PASSWORD)
    first.goto(path)
    second.goto(path)
    theirs = "Ni träffas varje vecka. Alla får säga något."
    mine = "Mötet är kort. Du får leda mötet om du vill."

    first.get_by_label("Lättläst version").fill(theirs)
    continue_button(first).click()
    expect(first).to_have_url(re.compile(rf"/metoder/{DRAFT}/redigera/granska/$"))

    second.get_by_label("Lättläst version").fill(mine)
    continue_button(second).click()
    conflict = second.get_by_role("alert").filter(has_text=CONFLICT)
    expect(conflict).to_be_visible()
    expect(second.get_by_label("Lättläst version")).to_have_value(mine)
    row = conflict.get_by_role("row", name=re.compile("Lättläst version"))
    expect(row.get_by_role("cell").nth(0)).to_have_text(theirs)
    expect(row.get_by_role("cell").nth(1)).to_have_text(mine)
    assert_no_axe_violations(axe, second)
    assert Method.objects.get(slug=DRAFT).easy_read == theirs

    merged = f"{theirs} {mine}"
    second.get_by_label("Lättläst version").fill(merged)
    continue_button(second).click()
    expect(second).to_have_url(re.compile(rf"/metoder/{DRAFT}/redigera/granska/$"))
    assert Method.objects.get(slug=DRAFT).easy_read == merged
    # Only the browser's report of the 409 status of the conflict page.
    assert [e for e in second.js_errors if "status of 409" not in e] == []
    assert first.js_errors == []


def test_a_reported_comment_is_hidden_by_the_editor(demo_data, new_page, axe):
    slug = "trepartssamtal"
    text = "Vi prövade det här i caféet och det gick bra med en tolk."

    writer = new_page()
    log_in(writer, MEMBER)
    writer.goto(f"/metoder/{slug}/")
    writer.get_by_label("Din kommentar").fill(text)
    writer.get_by_role("button", name="Publicera kommentaren").click()
    expect(writer.get_by_text("Tack! Din kommentar är publicerad.")).to_be_visible()
    comment = Comment.objects.get(body=text)
    expect(writer).to_have_url(re.compile(rf"/metoder/{slug}/#kommentar-{comment.pk}$"))
    expect(writer.locator(f"#kommentar-{comment.pk}")).to_contain_text(text)

    reader = new_page()
    log_in(reader, OTHER_MEMBER)
    reader.goto(f"/metoder/{slug}/")
    reader.locator(f"#kommentar-{comment.pk}").get_by_role("link", name="Anmäl kommentaren").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Anmäl kommentar")
    reader.get_by_label("Varför ska redaktionen titta på kommentaren?").fill("Reklam.")
    reader.get_by_role("button", name="Skicka anmälan").click()
    expect(reader.get_by_text("Tack! Redaktionen tittar på kommentaren")).to_be_visible()

    editor = new_page()
    log_in(editor, EDITOR)
    editor.goto("/redaktion/kommentarer/")
    reported = editor.get_by_role("region", name=re.compile(r"^Anmäld kommentar"))
    article = reported.locator(f"#kommentar-{comment.pk}")
    expect(article).to_contain_text(text)
    expect(article).to_contain_text("Reklam.")
    assert_no_axe_violations(axe, editor)
    article.get_by_role("button", name="Dölj kommentaren").click()
    expect(editor).to_have_url(re.compile(r"/redaktion/kommentarer/$"))
    expect(editor.get_by_text("Kommentaren är dold.")).to_be_visible()
    expect(editor.get_by_role("region", name="Nyligen dolda kommentarer")).to_contain_text(text)
    assert_no_axe_violations(axe, editor)

    visitor = new_page()
    visitor.goto(f"/metoder/{slug}/")
    expect(visitor.get_by_role("heading", name="Kommentarer")).to_be_visible()
    expect(visitor.get_by_text(text)).to_have_count(0)
    for each in (writer, reader, editor, visitor):
        assert each.js_errors == []


def test_remaining_forms_have_no_axe_violations(demo_data, new_page, axe):
    # A draft that seems to contain a phone number: the preview warns before submission.
    draft = MethodFactory(
        title="Utkast med telefonnummer",
        status=Status.DRAFT,
        author=User.objects.get(email=MEMBER),
        body="Ring Anna på 070-123 45 67 om du undrar något.",
        easy_read="Fråga Anna.",
    )
    member = new_page()
    log_in(member, MEMBER)
    member.goto(f"/metoder/{draft.slug}/redigera/granska/")
    warning = member.get_by_role("alert").filter(has_text="Texten kan innehålla personuppgifter")
    expect(warning).to_contain_text("070-123 45 67")
    expect(member.get_by_label(re.compile(r"^Jag har kontrollerat uppgifterna"))).to_be_visible()
    assert_no_axe_violations(axe, member)

    # The author deletes the draft; it lands in the editors' recycle bin.
    member.goto(f"/metoder/{draft.slug}/ta-bort/")
    expect(member.get_by_role("heading", level=1)).to_have_text(f"Ta bort ”{draft.title}”?")
    assert_no_axe_violations(axe, member)
    member.get_by_role("button", name="Ja, ta bort metoden").click()
    expect(member.get_by_text(f"”{draft.title}” är borttagen.")).to_be_visible()

    editor = new_page()
    log_in(editor, EDITOR)
    editor.goto("/redaktion/papperskorg/")
    expect(editor.get_by_role("heading", level=1)).to_have_text("Papperskorgen")
    expect(editor.get_by_role("row", name=re.compile(draft.title))).to_be_visible()
    assert_no_axe_violations(axe, editor)

    # The company admin's member page, with an invalid address, then an invitation.
    admin = new_page()
    log_in(admin, COMPANY_ADMIN)
    admin.goto("/foretag/kafe-kompassen/medlemmar/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Medlemmar i Kafé Kompassen")
    assert_no_axe_violations(axe, admin)
    invite = admin.get_by_role("region", name="Bjud in en ny medlem")
    invite.get_by_label("E-postadress").fill("inte-en-adress")
    invite.get_by_role("button", name="Skicka inbjudan").click()
    expect(invite.get_by_label("E-postadress")).to_have_attribute("aria-invalid", "true")
    expect(invite.locator(".field--error")).to_have_count(1)
    assert_no_axe_violations(axe, admin)
    invite.get_by_label("E-postadress").fill("ny.kollega@example.org")
    invite.get_by_role("button", name="Skicka inbjudan").click()
    expect(
        admin.get_by_text("En inbjudan har skickats till ny.kollega@example.org.")
    ).to_be_visible()
    invitation = Invitation.objects.get(email="ny.kollega@example.org")
    admin.goto(f"/foretag/inbjudan/{invitation.token}/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Inbjudan till Kafé Kompassen")
    # Only the invited address may accept: the admin who sent it is told so, without a button.
    expect(admin.get_by_role("alert")).to_contain_text(
        "Inbjudan skickades till ny.kollega@example.org, men du är inloggad som"
    )
    expect(admin.get_by_role("button", name="Acceptera inbjudan")).to_have_count(0)
    assert_no_axe_violations(axe, admin)

    # The errors page reports its own 400 status for the invalid address.
    assert [e for e in admin.js_errors if "status of 400" not in e] == []
    for each in (member, editor):
        assert each.js_errors == []
