"""The form that adds a film: an uploaded file with Swedish captions, or a film elsewhere."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import LinkKind
from .validation import (
    attachment_type,
    check_video,
    clean_captions,
    embed_address,
    readable_address,
    unreadable_address,
)


class FilmSource:
    UPLOAD = "fil"
    EXTERNAL = "lank"


class FilmForm(forms.Form):
    # The largest file each file field takes, by setting (core.upload_limits): a view showing
    # this form declares them, and nothing past them is read into a file.
    upload_limits = {"file": "FILM_MAX_BYTES", "captions_file": "FILM_CAPTIONS_MAX_BYTES"}

    source = forms.ChoiceField(
        label=gettext_lazy("Var finns filmen?"),
        choices=[
            (FilmSource.UPLOAD, gettext_lazy("Jag laddar upp en filmfil (MP4 eller WebM)")),
            (FilmSource.EXTERNAL, gettext_lazy("Filmen finns på en annan webbplats")),
        ],
        widget=forms.RadioSelect,
        initial=FilmSource.UPLOAD,
    )
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    minutes = forms.IntegerField(label=gettext_lazy("Längd i minuter"), min_value=1, max_value=600)
    file = forms.FileField(
        label=gettext_lazy("Filmfil"),
        required=False,
        help_text=gettext_lazy("MP4 eller WebM. Bara om du laddar upp filmen."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    captions_file = forms.FileField(
        label=gettext_lazy("Textning på svenska (WebVTT-fil)"),
        required=False,
        help_text=gettext_lazy(
            "En uppladdad film måste ha svensk textning. Välj en .vtt-fil eller klistra in "
            "texten i rutan under."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    captions = forms.CharField(
        label=gettext_lazy("Textning på svenska (WebVTT-text)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Börjar med raden WEBVTT och har en tidsrad före varje text."),
    )
    transcript = forms.CharField(
        label=gettext_lazy("Utskrift av filmen (frivillig)"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    url = forms.CharField(
        label=gettext_lazy("Adress till filmen"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Bara om filmen finns på en annan webbplats, till exempel YouTube."),
        widget=forms.URLInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].help_text = _(
            "Bara om filmen finns på en annan webbplats. Tillåtna webbplatser: %(hosts)s."
        ) % {"hosts": ", ".join(sorted(settings.FILM_EXTERNAL_HOSTS))}

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == FilmSource.UPLOAD:
            self._clean_upload(data)
        elif source == FilmSource.EXTERNAL:
            self._clean_external(data)
        return data

    def _clean_upload(self, data: dict) -> None:
        upload = data.get("file")
        if not upload:
            self.add_error("file", _("Välj filmfilen som ska laddas upp."))
        else:
            try:
                data["content_type"] = check_video(upload)
            except ValidationError as error:
                self.add_error("file", error)
        captions_file = data.get("captions_file")
        if captions_file:
            if captions_file.size > settings.FILM_CAPTIONS_MAX_BYTES:
                raw = b"x" * (settings.FILM_CAPTIONS_MAX_BYTES + 1)  # refused without reading
            else:
                raw = captions_file.read()
            field = "captions_file"
        else:
            raw = data.get("captions", "").encode()
            field = "captions"
        if not raw.strip():
            self.add_error(
                "captions_file",
                _(
                    "En uppladdad film måste ha textning på svenska. Välj en WebVTT-fil eller "
                    "klistra in texten."
                ),
            )
            return
        try:
            data["captions"], data["captions_text"] = clean_captions(raw)
        except ValidationError as error:
            self.add_error(field, error)

    def _clean_external(self, data: dict) -> None:
        url = data.get("url", "").strip()
        if not url:
            self.add_error("url", _("Skriv adressen till filmen."))
            return
        try:
            data["embed_url"] = embed_address(url)
        except ValidationError as error:
            self.add_error("url", error)
            return
        data["url"] = url
        # Captions are optional for a film elsewhere (the other site shows its own), but if
        # given they must be valid: their words are searched.
        raw = data.get("captions", "").encode()
        if raw.strip():
            try:
                data["captions"], data["captions_text"] = clean_captions(raw)
            except ValidationError as error:
                self.add_error("captions", error)

    def film_fields(self) -> dict:
        """The service's keyword arguments from the cleaned form."""
        data = self.cleaned_data
        fields = {
            "title": data["title"],
            "minutes": data["minutes"],
            "transcript": data.get("transcript", ""),
            "captions": data.get("captions", ""),
            "captions_text": data.get("captions_text", ""),
        }
        if data["source"] == FilmSource.UPLOAD:
            fields.update(upload=data["file"], content_type=data["content_type"])
        else:
            fields.update(url=data["url"], embed_url=data["embed_url"])
        return fields


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Vad är det för material?"), choices=LinkKind.choices
    )
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    url = forms.CharField(
        label=gettext_lazy("Adress"),
        max_length=500,
        widget=forms.URLInput,
        help_text=gettext_lazy("Börjar med https:// eller http://."),
    )
    description = forms.CharField(
        label=gettext_lazy("Kort beskrivning"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Vad hittar läsaren där, och varför är det värt att läsa?"),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        parts = readable_address(url)
        if parts is None:
            raise unreadable_address()
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValidationError(
                _("Skriv en hel adress som börjar med https:// eller http://."), code="scheme"
            )
        if parts.username or parts.password:
            raise ValidationError(_("Adressen får inte innehålla användarnamn eller lösenord."))
        return url


class AttachmentForm(forms.Form):
    upload_limits = {"file": "ATTACHMENT_MAX_BYTES"}  # as FilmForm's

    kind = forms.ChoiceField(
        label=gettext_lazy("Vad är det för material?"), choices=LinkKind.choices
    )
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Kort beskrivning"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Vad hittar läsaren i filen, och varför är den värd att läsa?"),
    )
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy("PDF, Word (DOCX) eller OpenDocument-text (ODT)."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                data["content_type"] = attachment_type(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return data
