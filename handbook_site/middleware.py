"""Swedish first: the interface is Swedish unless the visitor picked English in the switcher."""

from django.middleware.locale import LocaleMiddleware


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware without browser language sniffing.

    Many Swedish readers use phones set to English; they should still meet the Swedish site.
    The language cookie set by the switcher (/i18n/setlang/) is the only way to change it.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
