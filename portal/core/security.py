"""Security headers on every response.

Hand-written rather than Flask-Talisman: six fixed headers are clearer here than a
dependency whose defaults we would override one by one.
"""

from flask import Flask, Response

CONTENT_SECURITY_POLICY = '; '.join([
    "default-src 'self'",
    "script-src 'self'",  # no inline scripts, no eval
    "style-src 'self'",
    "img-src 'self' data:",  # the NL Design System draws some icons as data: URIs
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app: Flask) -> None:
    hsts = app.config.get('HSTS', False)

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault('Content-Security-Policy', CONTENT_SECURITY_POLICY)
        headers.setdefault('X-Content-Type-Options', 'nosniff')
        headers.setdefault('Referrer-Policy', 'strict-origin-when-cross-origin')
        headers.setdefault('X-Frame-Options', 'DENY')
        headers.setdefault('Cross-Origin-Opener-Policy', 'same-origin')
        if hsts:
            headers.setdefault('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
        return response
