"""Postcode areas (PC4) with a centre point: what travel distance between a job seeker and work is measured on."""

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class PostcodeArea(db.Model):
    """A four-digit postcode area and the WGS84 point at its centre.

    A deployment loads the national set (CBS/PDOK publish PC4 centroids) with
    `flask import-postcode-areas`; the demo ships approximate centres for its two regions.
    """

    __tablename__ = 'postcode_areas'
    __table_args__ = (
        CheckConstraint("length(code) = 4", name='code_four_digits'),
        CheckConstraint('latitude BETWEEN 50 AND 54 AND longitude BETWEEN 3 AND 8', name='inside_netherlands'),
    )

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey('municipalities.id', ondelete='SET NULL'),
                                                        index=True)

    def __repr__(self) -> str:
        return f'<PostcodeArea {self.code}>'

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    @classmethod
    def points(cls, codes) -> dict[str, tuple[float, float]]:
        """The centre of each known code among `codes`, in one query."""
        codes = {code for code in codes if code}
        if not codes:
            return {}
        rows = db.session.execute(select(cls.code, cls.latitude, cls.longitude).where(cls.code.in_(codes)))
        return {code: (lat, lon) for code, lat, lon in rows}
