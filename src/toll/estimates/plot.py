"""A picture of the estimates: intervals by method, and the posterior of the total."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from toll.errors import TollError, writing
from toll.estimates.report import EstimateReport

PLOT_FORMATS = (".png", ".pdf", ".svg")


def check_plot_path(path: str | Path) -> Path:
    """The file a plot is to be written to, refused before any work when it cannot be."""
    path = Path(path)
    if path.suffix.lower() not in PLOT_FORMATS:
        raise TollError(
            f"--plot {path}: the file must end in {', '.join(PLOT_FORMATS)} (the figure's format)"
        )
    if not path.parent.is_dir():
        raise TollError(f"--plot {path}: folder {path.parent} does not exist")
    return path


def save_plot(report: EstimateReport, path: str | Path) -> Path:
    """Save a two-panel figure (PNG, PDF or SVG by the file's extension)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = check_plot_path(path)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    shown = [m for m in report.methods if m.estimate is not None]
    for i, m in enumerate(shown):
        low = m.low if m.low is not None else m.estimate
        high = m.high if m.high is not None else m.estimate
        left.plot([low, high], [i, i], color="C0", lw=2)
        left.plot([m.estimate], [i], "o", color="C0" if not m.warnings else "C3")
        if m.high is None:
            left.annotate("no upper limit", (m.estimate, i), textcoords="offset points",
                          xytext=(6, 4), fontsize=8)
    left.axvline(report.observed, color="grey", ls="--", lw=1)
    left.set_yticks(range(len(shown)), [m.name for m in shown])
    left.set_xlabel("total (recorded + unrecorded); dashed: recorded")
    left.set_title("Estimates and 95% intervals (red: warnings)")
    left.invert_yaxis()
    for m in report.methods:
        if m.draws is None or m.estimate is None:
            continue
        draws = np.asarray(m.draws)
        if draws.ndim == 2:
            step = np.diff(draws[:, 0]).mean() if draws.shape[0] > 1 else 1.0
            right.plot(draws[:, 0], draws[:, 1] / step, label=m.name)
        elif m.name == "lcmcr":
            right.hist(draws, bins=60, density=True, histtype="step", label=m.name)
    right.axvline(report.observed, color="grey", ls="--", lw=1)
    highs = [m.high for m in shown if m.high is not None]
    if highs:
        right.set_xlim(left=min(report.observed, *[m.low or m.estimate for m in shown]) * 0.9,
                       right=max(highs) * 1.2)
    right.set_xlabel("total")
    right.set_ylabel("posterior density")
    right.set_title("Posterior of the total")
    if right.get_legend_handles_labels()[0]:
        right.legend()
    fig.tight_layout()
    with writing(path):
        fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
