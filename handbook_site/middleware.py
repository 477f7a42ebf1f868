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


class PermissionsPolicyMiddleware:
    """Turn off browser features the handbook never uses (camera, microphone, location ...)."""

    POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response
