"""Dates as the contract knows them: a day, or only a month, or only a year.

A contract known to be signed « en juin 2022 », a deadline « d'ici 2024 », a figure « en mars
2021 »: ``DatePartielle`` keeps what is known and no more, and never invents the missing day.
It is written in JSON as ``"2022-06-14"``, ``"2022-06"`` or ``"2022"``; its French forms are
in ``formatting`` (« 14 juin 2022 », « juin 2022 », « le 14 juin 2022 », « en juin 2022 »).
A deadline may also be the end of the municipal mandate (``Echeance``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

JOUR, MOIS, ANNEE = "jour", "mois", "annee"
FIN_DU_MANDAT = "fin_du_mandat"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DatePartielle(NamedTuple):
    """A date known to the day, to the month or to the year; 0 stands for what is not known.

    Ordered as its bounds: « 2021 » < « 2021-03 » < « 2021-03-01 ».
    """

    annee: int
    mois: int = 0
    jour: int = 0

    @classmethod
    def lire(cls, text: str) -> DatePartielle:
        """``"2022-06-14"``, ``"2022-06"`` or ``"2022"``; a ValueError for anything else."""
        match = _ISO.match(text)
        if match is None:
            raise ValueError(f"date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ : {text!r}")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        found = cls(year, month, day)
        found.debut()  # refuses a month 13 or a 30 February
        return found

    @classmethod
    def du_jour(cls, day: date) -> DatePartielle:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        """« jour », « mois » or « annee »."""
        return JOUR if self.jour else MOIS if self.mois else ANNEE

    @property
    def precise(self) -> bool:
        """True when the day is known."""
        return bool(self.jour)

    def debut(self) -> date:
        """The first day it may be: the day itself, the 1st of the month, the 1st of January."""
        return date(self.annee, self.mois or 1, self.jour or 1)

    def fin(self) -> date:
        """The last day it may be: the day itself, the month's last day, the 31st of December."""
        if self.jour:
            return self.debut()
        month = self.mois or 12
        return date(self.annee, month, calendar.monthrange(self.annee, month)[1])

    def jour_connu(self) -> date | None:
        """The day, when it is known."""
        return self.debut() if self.jour else None

    def iso(self) -> str:
        text = f"{self.annee:04d}"
        if self.mois:
            text += f"-{self.mois:02d}"
        if self.jour:
            text += f"-{self.jour:02d}"
        return text


def lire(text: str) -> DatePartielle:
    return DatePartielle.lire(text)


class Echeance(NamedTuple):
    """A deadline: a date (to the day, the month or the year), or the end of the mandate."""

    date: DatePartielle | None  # None: the end of the municipal mandate in progress

    @classmethod
    def lire(cls, text: str) -> Echeance:
        return cls(None) if text == FIN_DU_MANDAT else cls(DatePartielle.lire(text))

    @property
    def fin_du_mandat(self) -> bool:
        return self.date is None
