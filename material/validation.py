"""Checks on what an editor gives for a film: the video file (by its first bytes, never its
name), the Swedish captions (WebVTT), and the address of a film on another site.

Every limit is checked before the work it bounds: the file's size before a byte is read, the
captions' size before they are decoded."""

from __future__ import annotations

import html
import re
import zipfile
from urllib.parse import SplitResult, parse_qs, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A WebVTT cue timing line: start --> end, each [hh:]mm:ss.ttt, then optional cue settings.
_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
TIMING = re.compile(rf"^({_TIMESTAMP})[ \t]+-->[ \t]+({_TIMESTAMP})(?:[ \t]+[^\n]*)?$")
# Cue settings that only place the text: anything else in the settings is dropped.
_SETTING = re.compile(
    r"^(?:vertical:(?:rl|lr)|line:-?\d{1,3}%?|position:\d{1,3}%|"
    r"size:\d{1,3}%|align:(?:start|center|end|left|right))$"
)


def video_type(head: bytes) -> str | None:
    """The film's MIME type from its first bytes: MP4 (an ISO media 'ftyp' box) or WebM (an
    EBML header whose document type is webm). None for anything else, whatever its name."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "video/webm"
    return None


def check_video(upload) -> str:
    """Refuse a file that is too large or is not MP4 or WebM; returns its MIME type."""
    limit = settings.FILM_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Filmen är för stor. Största tillåtna storlek är %(mb)s MB.")
            % {"mb": round(limit / 1024 / 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    content_type = video_type(head)
    if content_type is None:
        raise ValidationError(
            _("Filen är inte en film i formatet MP4 eller WebM. Välj en film i något av dem."),
            code="wrong_type",
        )
    return content_type


def _clean_cue_line(line: str) -> str:
    # Cue text becomes text only: no markup survives, and "-->" cannot end a cue early.
    text = html.unescape(nh3.clean(line, tags=set()))
    return html.escape(text, quote=False).replace("--&gt;", "-&gt;")


def clean_captions(data: bytes) -> tuple[str, str]:
    """Validate WebVTT captions and rebuild them from their cues, text sanitised.

    Returns the captions to store and serve, and their plain text for search. Refuses a file
    over FILM_CAPTIONS_MAX_BYTES, one that is not UTF-8, one without the "WEBVTT" header and
    one without a single cue timing line. NOTE, STYLE and REGION blocks are left out."""
    limit = settings.FILM_CAPTIONS_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(
            _("Textfilen är för stor. Största tillåtna storlek är %(kb)s kB.")
            % {"kb": limit // 1024},
            code="too_large",
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Textfilen måste vara sparad som UTF-8."), code="encoding"
        ) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValidationError(
            _("Textfilen är inte WebVTT: första raden ska vara WEBVTT."), code="header"
        )
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines[1:]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    cues: list[str] = []
    words: list[str] = []
    for block in blocks:
        timing_at = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing_at is None or timing_at > 1:
            continue  # NOTE, STYLE, REGION or a stray line: not a cue
        match = TIMING.match(block[timing_at].strip())
        if match is None:
            raise ValidationError(
                _(
                    "Raden ”%(line)s” i textfilen är ingen giltig tidsrad (till exempel "
                    "00:01.000 --> 00:04.000)."
                )
                % {"line": block[timing_at][:60]},
                code="timing",
            )
        settings_part = block[timing_at].strip()[match.end(2) :].split()
        kept = [s for s in settings_part if _SETTING.match(s)]
        cue_lines = [_clean_cue_line(line) for line in block[timing_at + 1 :]]
        cue_lines = [line for line in cue_lines if line.strip()]
        timing = " ".join([f"{match.group(1)} --> {match.group(2)}", *kept])
        cues.append("\n".join([timing, *cue_lines]))
        words.extend(html.unescape(line) for line in cue_lines)
    if not cues:
        raise ValidationError(
            _(
                "Textfilen har ingen text med tider. Varje textrad behöver en tidsrad "
                "(till exempel 00:01.000 --> 00:04.000)."
            ),
            code="no_cues",
        )
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n", " ".join(words)


def external_hosts() -> set[str]:
    return {host.lower() for host in settings.FILM_EXTERNAL_HOSTS}


def readable_address(url: str) -> SplitResult | None:
    """urlsplit(url), or None when Python cannot read it: an IPv6 host never closed
    ("https://[example.org/") or a port past 65535 (read here, so `.port` is safe after)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port past 65535
    except ValueError:
        return None
    return parts


def unreadable_address() -> ValidationError:
    return ValidationError(
        _("Adressen går inte att läsa. Kontrollera att den är rätt skriven."), code="invalid"
    )


def embed_address(url: str) -> str:
    """The player address for a film on another site, or ValidationError.

    Only https addresses on the allow-list (settings.FILM_EXTERNAL_HOSTS). YouTube watch and
    share addresses become YouTube's no-cookie player, Vimeo's become Vimeo's player; another
    allowed site's address is its own player."""
    parts = readable_address(url.strip())
    if parts is None:
        raise unreadable_address()
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise ValidationError(_("Adressen måste börja med https://."), code="scheme")
    if host not in external_hosts() or parts.username or parts.password or parts.port:
        raise ValidationError(
            _("Filmer kan bara visas från de här webbplatserna: %(hosts)s.")
            % {"hosts": ", ".join(sorted(external_hosts()))},
            code="host",
        )
    video_id = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
    if host in {"www.youtube.com", "youtube.com", "m.youtube.com"}:
        candidate = parse_qs(parts.query).get("v", [""])[0]
        if parts.path.startswith("/embed/"):
            candidate = parts.path.removeprefix("/embed/")
        if not video_id.match(candidate):
            raise ValidationError(_("Adressen pekar inte på en film på YouTube."), code="id")
        return f"https://www.youtube-nocookie.com/embed/{candidate}"
    if host == "youtu.be":
        candidate = parts.path.strip("/")
        if not video_id.match(candidate):
            raise ValidationError(_("Adressen pekar inte på en film på YouTube."), code="id")
        return f"https://www.youtube-nocookie.com/embed/{candidate}"
    if host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        candidate = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if not candidate.isdigit():
            raise ValidationError(_("Adressen pekar inte på en film på Vimeo."), code="id")
        return f"https://player.vimeo.com/video/{candidate}"
    return parts._replace(fragment="").geturl()


# Attachments: PDF, DOCX and ODT, recognised by their bytes; a DOCX or ODT is a zip archive,
# whose decoded size and number of members are bounded before anything reads them (a small zip
# can unpack to gigabytes).
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def attachment_type(upload) -> str:
    """The attachment's MIME type from its bytes and structure, or ValidationError."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Filen är för stor. Största tillåtna storlek är %(mb)s MB.")
            % {"mb": round(limit / 1024 / 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    wrong = ValidationError(
        _("Bara PDF, Word (DOCX) och OpenDocument-text (ODT) går att bifoga."), code="wrong_type"
    )
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if not head.startswith(b"PK\x03\x04"):
        raise wrong
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > settings.ATTACHMENT_MAX_MEMBERS or (
                sum(member.file_size for member in members) > settings.ATTACHMENT_MAX_DECODED_BYTES
            ):
                raise ValidationError(
                    _("Filen packas upp till för mycket innehåll för att gå att bifoga."),
                    code="too_large_decoded",
                )
            names = {member.filename for member in members}
            if members and members[0].filename == "mimetype" and members[0].file_size < 100:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "application/vnd.oasis.opendocument.text"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        raise wrong from None
    finally:
        upload.seek(0)
    raise wrong
