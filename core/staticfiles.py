"""The static files storage: WhiteNoise's compressed, hashed files, with each address
remembered per process.

A page names about eight static files ({% static %}: the style sheets, the logo, its scripts).
Django's manifest storage works each address out anew on every call (splitting and unquoting
the name, looking up its hash, joining it to STATIC_URL): 10 to 40 microseconds each. The
answer only changes when the manifest does, which is when collectstatic writes it (then the
memory is dropped) or when a new process starts.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Static names come from templates, so there are few; the bound only guards against a
# template that builds names from input.
MEMORY_SIZE = 2048


class RememberedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[tuple, str] = {}

    def url(self, name, force=False) -> str:
        # DEBUG decides whether the hashed name is used (ManifestFilesMixin._url).
        key = (name, force, settings.DEBUG)
        address = self._addresses.get(key)
        if address is None:
            address = super().url(name, force)  # a name missing from the manifest raises
            if len(self._addresses) >= MEMORY_SIZE:
                self._addresses.clear()
            self._addresses[key] = address
        return address

    def post_process(self, *args, **kwargs):
        # collectstatic changes the hashes this process answers with.
        self._addresses.clear()
        yield from super().post_process(*args, **kwargs)
        self._addresses.clear()
