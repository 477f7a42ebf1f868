import re

from django.conf import settings

# C0 control characters other than tab and line breaks, and DEL: never valid in an HTML page.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def site(request):
    """Values every page needs: the search query (for the box in the header), without control
    characters: the 400 page that refuses a query with a NUL shows the box too."""
    query = request.GET.get("q", "") if request.method == "GET" else ""
    return {
        "search_query": CONTROL_CHARACTERS.sub("", query)[:200],
        "site_url": settings.SITE_URL,
        "accessibility_contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
