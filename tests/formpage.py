"""Submit a form the way a browser does: exactly the values the page shows, nothing else.

Tests that post hand-made dictionaries say what the test author thinks the form holds. This
reads the form out of the HTML a role is served (inputs, ticked boxes, chosen options,
textareas), so a relation the page does not show is not sent, as with a real browser.
"""

from __future__ import annotations

from html.parser import HTMLParser

TEXT_INPUTS = {"text", "hidden", "number", "email", "url", "date", "tel", "search", "password"}


class _FormReader(HTMLParser):
    def __init__(self, action: str | None):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.found = False
        self.data: list[tuple[str, str]] = []
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and not self.found:
            if self.action is None or a.get("action") == self.action:
                self.in_form = self.found = True
            return
        if not self.in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in TEXT_INPUTS:
                self.data.append((name, a.get("value", "")))
            elif kind in {"checkbox", "radio"} and "checked" in a:
                self.data.append((name, a.get("value", "on")))
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value"), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea_text
            # HTML drops one newline right after <textarea>.
            self.data.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]  # a single select sends its first option
            self.data.extend((name, v or "") for v in chosen)
            self._select = None


def form_data(html: str, action: str | None = None) -> dict[str, list[str]]:
    """The fields of the first form on the page (or the one posting to `action`) as a browser
    would send them, as {name: [values]} for Client.post."""
    reader = _FormReader(action)
    reader.feed(html)
    assert reader.found, f"no form with action {action!r} on the page"
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data
