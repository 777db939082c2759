"""Regions (arbeidsmarktregio's) and their municipalities: the tenancy every other record hangs from."""

import re

from sqlalchemy import CheckConstraint, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.core.colour import contrast_ratio
from portal.extensions import db
from portal.models.mixins import TimestampMixin

HEX_COLOUR = re.compile(r'^#[0-9a-f]{6}$')
#: white text on the brand colour must reach WCAG AA for normal text
MIN_CONTRAST_WITH_WHITE = 4.5


class Region(TimestampMixin, db.Model):
    """An arbeidsmarktregio: the municipalities that work together, with its own look."""

    __tablename__ = 'regions'
    __table_args__ = (
        CheckConstraint("slug <> ''", name='slug_not_empty'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    #: brand colour for the header and primary buttons; white text must read on it (WCAG AA 4.5:1)
    primary_colour: Mapped[str] = mapped_column(String(7), default='#154273')
    #: a darker shade for hover and focus states
    accent_colour: Mapped[str] = mapped_column(String(7), default='#0b2a4a')

    municipalities: Mapped[list['Municipality']] = relationship(
        back_populates='region', order_by='Municipality.name', cascade='all, delete-orphan')

    def __repr__(self) -> str:
        return f'<Region {self.slug}>'

    @validates('primary_colour', 'accent_colour')
    def _validate_colour(self, key: str, value: str) -> str:
        value = value.strip().lower()
        if not HEX_COLOUR.match(value):
            raise ValueError(f'{key} must be a colour like #1a2b3c')
        if contrast_ratio(value, '#ffffff') < MIN_CONTRAST_WITH_WHITE:
            raise ValueError(f'{key} {value} is too light for white text (contrast below {MIN_CONTRAST_WITH_WHITE}:1)')
        return value

    @classmethod
    def by_slug(cls, slug: str) -> 'Region | None':
        return db.session.scalar(select(cls).where(cls.slug == slug))


class Municipality(TimestampMixin, db.Model):
    """A gemeente, identified by its CBS code (GM0160 for Hardenberg)."""

    __tablename__ = 'municipalities'
    __table_args__ = (
        CheckConstraint("cbs_code LIKE 'GM____'", name='cbs_code_format'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'), index=True)
    cbs_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(120))

    region: Mapped[Region] = relationship(back_populates='municipalities')

    def __repr__(self) -> str:
        return f'<Municipality {self.cbs_code} {self.name}>'
