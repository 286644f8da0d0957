"""Charts of a fact sheet: Altair (Vega-Lite) specifications rendered to SVG by vl-convert."""

import altair as alt

from toll.reports.labels import label
from toll.reports.sheet import Chart

FONT = "DejaVu Sans"
MAX_YEARS_BY_MONTH = 3  # a longer time series is drawn by year


def _by_year(rows: list[dict]) -> list[dict]:
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["status"], row["value"][:4])
        totals[key] = totals.get(key, 0) + row["persons"]
    return [
        {"status": s, "value": y, "persons": n}
        for (s, y), n in sorted(totals.items(), key=lambda i: i[0][1])
    ]


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document (text as text, in a font with Cyrillic and Azerbaijani)."""
    import vl_convert

    rows, by, title = chart.rows, chart.by, chart.title
    if by == "month" and len({row["value"][:4] for row in rows}) > MAX_YEARS_BY_MONTH:
        rows, by, title = _by_year(rows), "year", title.replace("month", "year")

    def t(text: str) -> str:
        return label(text, chart.language)

    data = alt.Data(values=rows)
    color = alt.Color("status:N", title=t("status"))
    if by == "year":  # a long time series: stacked bars on a true time axis
        spec = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                x=alt.X("value:T", timeUnit="year", title=t("year of the event")),
                y=alt.Y("persons:Q", title=t("persons"), stack=True),
                color=color,
            )
        )
    elif by == "month":
        spec = (
            alt.Chart(data)
            .mark_line(point=True)
            .encode(
                x=alt.X("value:T", timeUnit="yearmonth", title=t("month of the event")),
                y=alt.Y("persons:Q", title=t("persons")),
                color=color,
            )
        )
    else:
        spec = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                x=alt.X(
                    "value:N", title=t(by.replace("_", " ")), sort=None, axis=alt.Axis(labelAngle=0)
                ),
                xOffset="status:N",
                y=alt.Y("persons:Q", title=t("persons")),
                color=color,
            )
        )
    spec = spec.properties(title=title, width=420, height=200).configure(font=FONT)
    return vl_convert.vegalite_to_svg(spec.to_dict())
