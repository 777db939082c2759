"""The region a page is branded for."""

from flask import current_app, g
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.models.tenancy import Region


def current_region() -> Region | None:
    """The region whose name and colours this request shows.

    The signed-in user's own region wins (a staff member's region, or the region of the
    organisation an employer works for); otherwise DEFAULT_REGION, otherwise the first region.
    """
    if 'portal_region' not in g:
        region = current_user.region if current_user and current_user.is_authenticated else None
        slug = current_app.config.get('DEFAULT_REGION')
        if region is None and slug:
            region = Region.by_slug(slug)
        if region is None:
            region = db.session.scalar(select(Region).order_by(Region.id).limit(1))
        g.portal_region = region
    return g.portal_region
