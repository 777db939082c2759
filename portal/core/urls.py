"""URL helpers."""

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str = '/') -> str:
    """`target` if it is a path on this site, else `fallback`: never redirect off-site."""
    if not target:
        return fallback
    target = target.strip()
    parts = urlsplit(target)
    # '//evil.example' and '/\\evil.example' are read by browsers as other hosts.
    if parts.scheme or parts.netloc or not target.startswith('/') or target.startswith(('//', '/\\')):
        return fallback
    return target
