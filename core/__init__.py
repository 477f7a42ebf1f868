"""Site-wide concerns that belong to no domain app.

core owns: the markdown pipeline (rendering), the site version and the anonymous page cache
keyed on it (siteversion, pagecache, models.SiteVersion), gzip for anonymous HTML
(compression), the audit log (audit,
models.AuditEntry), e-mail notifications and their task (notifications), image uploads and
serving them (uploads, media), readability and personal-data checks (readability, validators),
rate limits (ratelimit), the fail-open Redis cache (cache), site-wide middleware, the health,
language and error views (middleware, views, urls), backup and restore (backup and its
commands), role names several apps need (roles) and shared form behaviour (forms).

The bottom layer: core imports only Django, third-party packages and the standard library,
never accounts, methods, companies, content or handbook_site. The other apps build on it
(handbook_site > content > accounts > companies > methods > core); each registers with core
what core must know about its models (core.siteversion.track in its AppConfig.ready()).
"""
