from django.conf import settings


def site(request):
    """Values every page needs: the search query (for the box in the header)."""
    return {
        "search_query": request.GET.get("q", "")[:200] if request.method == "GET" else "",
        "site_url": settings.SITE_URL,
        "accessibility_contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
