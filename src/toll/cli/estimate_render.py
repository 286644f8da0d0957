"""Printing an estimate run for people: tables by method, each stratum, every warning."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from toll.cli.output import console, print_table

COLUMNS = ["Method", "Estimate", "95% low", "95% high", "Model", "Warnings"]


def fmt(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def basis(m) -> str:
    """A few words on what the estimate rests on."""
    d = m.diagnostics
    if "model" in d:
        return d["model"]
    if m.name == "bma" and d.get("top_models"):
        top = d["top_models"][0]
        return f"{d['graphs']} graphs; top {top['model']} ({top['weight']:.0%})"
    if m.name == "lcmcr" and "rhat" in d:
        return f"K={m.settings.get('K')}, R-hat {d['rhat']:.2f}"
    if "strata_summed" in d:
        return f"sum of {len(d['strata_summed'])} strata"
    return d.get("interval", "")


def print_methods(report, title: str, shown_above: tuple[str, ...] = ()) -> None:
    """One row per method, then the table's and each method's warnings (except those of the
    strata in `shown_above`, already printed with their stratum)."""
    print_table([(m.name, fmt(m.estimate), fmt(m.low), fmt(m.high), basis(m), len(m.warnings))
                 for m in report.methods], COLUMNS, title=title)
    for warning in report.warnings:
        say("warning", warning)
    for m in report.methods:
        for warning in m.warnings:
            if warning.split(": ", 1)[0] not in shown_above:
                say(f"warning ({m.name})", warning)


def say(label: str, text: str, style: str = "yellow") -> None:
    """A labelled line; the text is printed as written (model names in [brackets] too)."""
    console.print(Text.assemble((f"{label}: ", style), text))


def print_capture_table(table) -> None:
    """The capture table in one wrapped line: pattern (list order) and count."""
    cells = " · ".join(f"{''.join(map(str, p))}: {c:,}" for p, c in table.rows())
    console.print(Text(f"Capture table ({', '.join(table.lists)}): {cells}"))


def print_strata(done) -> None:
    """Each stratum's table and results, then what could be summed and what was left out."""
    report = done.report
    for name, part in report.strata.items():
        console.rule(f"Stratum {name}: {part.observed:,} recorded")
        print_capture_table(done.tables[name])
        if part.refused:
            say("no estimate", part.refused, "red")
            continue
        print_methods(part, f"Stratum {name}: estimated total by method")
    console.rule("All strata")
    left = {method: strata for method, strata in report.left_out().items() if strata}
    if left:
        print_table([(method, ", ".join(f"{s} ({n:,} recorded)" for s, n in strata.items()),
                      "left out of the sum, reported apart")
                     for method, strata in left.items()],
                    ["Method", "Strata it cannot estimate", "How handled"],
                    title="Strata too small or too thin for a method")
    print_methods(report, f"Observed {report.observed:,}: sum of the strata each method "
                  "could estimate", tuple(report.strata))
    console.print("Each stratum's own warnings are shown with it above; all are in --json.")


def print_sensitivity(rows: list[dict[str, Any]]) -> None:
    print_table([(r["variant"], r["method"], f"{r['observed']:,}", fmt(r["estimate"]),
                  fmt(r["low"]), fmt(r["high"]), r["warnings"]) for r in rows],
                ["Variant", "Method", "Observed", "Estimate", "95% low", "95% high", "Warnings"],
                title="Sensitivity (quick settings: 200 bootstrap resamples)")


def print_run(done) -> None:
    """The whole run: strata (if any), the estimates, the sensitivity rows, a reminder."""
    if hasattr(done.report, "strata"):
        print_strata(done)
    else:
        print_capture_table(done.tables["all"])
        print_methods(done.report, f"Observed {done.report.observed:,}: estimated total by "
                      "method")
    if done.sensitivity is not None:
        print_sensitivity(done.sensitivity)
    console.print("Methods rest on different assumptions and often disagree: read them side by "
                  "side, never one alone (docs/methods/estimation.md).")
