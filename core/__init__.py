"""Site-wide concerns that belong to no domain app.

The bottom layer: core imports only Django, third-party packages and the standard library,
never accounts, methods, companies, content or handbook_site. The domain apps build on it
(handbook_site > content > accounts > companies > methods > core).
"""
