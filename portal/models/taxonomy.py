"""Occupations and skills: the shared vocabulary of needs, plans and (later) job seekers' profiles."""

from sqlalchemy import CheckConstraint, String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.mixins import TimestampMixin


class LabelledMixin:
    """A Dutch and an English label; `label(locale)` picks one."""

    label_nl: Mapped[str] = mapped_column(String(160))
    label_en: Mapped[str] = mapped_column(String(160))

    def label(self, locale: str | None) -> str:
        return self.label_en if str(locale or 'nl').startswith('en') else self.label_nl


class Occupation(LabelledMixin, TimestampMixin, db.Model):
    """An occupation with its ISCO-08 unit group (4 digits); several occupations may share one."""

    __tablename__ = 'occupations'
    __table_args__ = (
        CheckConstraint("length(isco_code) = 4", name='isco_code_four_digits'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    isco_code: Mapped[str] = mapped_column(String(4), index=True)
    #: unique Dutch label: the form of the name staff and employers search for
    label_nl: Mapped[str] = mapped_column(String(160), unique=True)
    is_active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f'<Occupation {self.isco_code} {self.label_nl}>'

    @classmethod
    def active(cls) -> list['Occupation']:
        return list(db.session.scalars(select(cls).where(cls.is_active).order_by(cls.label_nl)))


class Skill(LabelledMixin, TimestampMixin, db.Model):
    __tablename__ = 'skills'

    id: Mapped[int] = mapped_column(primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(160), unique=True)
    #: the ESCO concept this skill stands for, when there is one
    esco_uri: Mapped[str | None] = mapped_column(String(255), unique=True)
    is_active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f'<Skill {self.label_nl}>'

    @classmethod
    def active(cls) -> list['Skill']:
        return list(db.session.scalars(select(cls).where(cls.is_active).order_by(cls.label_nl)))
