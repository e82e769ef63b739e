"""One cached view function per page: it takes the shared filters and the page's own choices
and returns everything the page draws (tables, figures' data, titles, subtitles, file names),
so a page reads "controls -> view -> charts and tables" and keeps no aggregation of its own."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.words import count, plural


@dataclass(frozen=True)
class Chart:
    """The words a chart carries besides its data: title, subtitle, source line, and the PNG
    (or CSV) file name its download gets."""

    title: str
    subtitle: str
    source: str
    file_name: str


def calendar_column(years: tuple[int, ...]) -> dict[str, str]:
    """The table column naming a meeting's calendar, when more than one year shows."""
    return {"calendar_year": "Calendar"} if len(years) > 1 else {}


def ranked_words(
    top: pd.DataFrame, ranked: pd.DataFrame, noun: str, nouns: str | None = None
) -> str:
    """What a ranked chart shows of its table, the noun in the number it takes (`nouns`: an
    irregular plural, as words.count): "ranks 1–20: 26 of 204 countries (ties included)",
    "all 12 countries", "1 country" (one is not "all"), or when the first rank alone is a tie
    too big to draw (one mechanism's 50 members), that it draws none."""
    many = nouns or plural(noun)
    if len(top) == len(ranked):
        return count(len(ranked), noun, nouns) if len(ranked) < 2 else f"all {len(ranked)} {many}"
    if top.empty:
        return f"all {len(ranked)} {many} tie at rank 1, too many to draw: see the table"
    return f"ranks 1–{int(top['rank'].max())}: {len(top)} of {len(ranked)} {many} (ties included)"
