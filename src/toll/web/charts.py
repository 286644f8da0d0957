"""Charts drawn on the server with Vega-Lite (altair), as SVG: no script runs in the browser."""

import altair as alt
import pandas as pd
import vl_convert

COLOURS = ["#36618e", "#b5523b", "#6f8f3a", "#8a6bb0", "#c49a2c", "#5f7f86"]


def svg(chart: alt.Chart) -> str:
    """The chart as an SVG document to put in a page (Jinja marks it safe explicitly)."""
    return vl_convert.vegalite_to_svg(chart.to_json(), allowed_base_urls=[])


def rows_of(breakdown) -> list[dict]:
    """A `toll.figures.breakdown.Breakdown` as rows: {"status", <by>, "persons"}."""
    return [
        {"status": status, breakdown.by: value, "persons": count}
        for status, values in breakdown.counts.items()
        for value, count in values.items()
    ]


AGE_ORDER = ["0-17", "18-59", "60+", "unknown"]


def persons_by(rows: list[dict], by: str, title: str, axis: str) -> str | None:
    """Stacked bars: persons per value of `by` (sex, age group), one colour per status."""
    partial = {r[by] for r in rows if r.get("persons") is None}
    rows = [{**r, by: _partly_hidden(r[by], partial)} for r in rows if r.get("persons")]
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    sort = [_partly_hidden(v, partial) for v in AGE_ORDER] if by == "age_group" else None
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{by}:N", title=axis, sort=sort, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("persons:Q", title="persons", stack=True),
            color=alt.Color("status:N", scale=alt.Scale(range=COLOURS)),
            tooltip=[by, "status", "persons"],
        )
        .properties(width=300, height=220)
    )
    return svg(chart)


def _partly_hidden(value, partial: set) -> str:
    """A bar's label, marked where some of its counts are suppressed (public view), so that
    a short bar is not read as the whole count."""
    return f"{value} (part hidden)" if value in partial else str(value)


def persons_over_time(rows: list[dict]) -> str | None:
    """Stacked bars: persons per month of the event (per year over more than three years),
    one colour per status."""
    rows = [r for r in rows if r.get("month") not in (None, "unknown") and r.get("persons")]
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    period, title = "month", "month of the event"
    if frame["month"].str[:4].nunique() > 3:
        frame["year"] = frame["month"].str[:4]
        frame = frame.groupby(["year", "status"], as_index=False)["persons"].sum()
        period, title = "year", "year of the event"
    chart = (
        alt.Chart(frame, title=f"Persons by {title} and status")
        .mark_bar()
        .encode(
            x=alt.X(f"{period}:O", title=title, axis=alt.Axis(labelAngle=-60)),
            y=alt.Y("persons:Q", title="persons", stack=True),
            color=alt.Color("status:N", scale=alt.Scale(range=COLOURS)),
            tooltip=[period, "status", "persons"],
        )
        .properties(width=360, height=220)
    )
    return svg(chart)


def estimate_intervals(methods: list[dict], observed: int | None) -> str | None:
    """Each method's estimate as a point with its 95% interval; the observed count as a rule."""
    rows = [m for m in methods if m.get("estimate") is not None]
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    base = alt.Chart(frame).encode(y=alt.Y("name:N", title=None, sort=None))
    layers = [
        base.mark_rule(strokeWidth=2, color=COLOURS[0]).encode(
            x=alt.X("low:Q", title="victims in all, listed or not", scale=alt.Scale(zero=False)),
            x2="high:Q",
        ),
        base.mark_point(filled=True, size=70, color=COLOURS[1]).encode(
            x="estimate:Q", tooltip=["name", "estimate", "low", "high"]
        ),
    ]
    if observed:
        rule = pd.DataFrame({"observed": [observed]})
        layers.append(
            alt.Chart(rule).mark_rule(strokeDash=[4, 3], color="#666").encode(x="observed:Q")
        )
    chart = alt.layer(*layers, title="Estimates with 95% intervals (dashed: persons listed)")
    return svg(chart.properties(width=360, height=30 * len(rows) + 20))
