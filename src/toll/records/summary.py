"""The lines `toll import --dry-run` prints: what would be imported and every problem."""

from collections import Counter

from toll.records.drafts import ImportedList, ImportProblem

INLINE_PROBLEMS = 3


def dry_run_summary(imported: ImportedList) -> str:
    """A summary line, how the file was read, which columns mean what, then every problem."""
    problems = imported.warnings
    count = len(imported.records)
    head = f"{imported.file_name}: {count:,} {'row' if count == 1 else 'rows'} OK"
    if problems:
        shown = "; ".join(p.short() for p in problems[:INLINE_PROBLEMS])
        more = "; …" if len(problems) > INLINE_PROBLEMS else ""
        noun = "warning" if len(problems) == 1 else "warnings"
        head += f"; {len(problems):,} {noun} ({shown}{more})"
    else:
        head += "; no warnings"
    lines = [head, "read as: " + _how_read(imported), "columns: " + _columns(imported)]
    if len(problems) > INLINE_PROBLEMS:
        lines.append("warnings by column: " + _counts(problems))
    lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines)


def _how_read(imported: ImportedList) -> str:
    parts = [imported.format.upper()]
    if imported.encoding:
        parts.append(f"encoding {imported.encoding}")
    if imported.delimiter:
        parts.append(f"delimiter {imported.delimiter!r}")
    if imported.sheet:
        parts.append(f"sheet {imported.sheet!r}")
    return ", ".join(parts)


def _columns(imported: ImportedList) -> str:
    known = [f"{h} → {f}" for h, f in imported.columns.items() if f]
    unknown = [h for h, f in imported.columns.items() if not f]
    text = "; ".join(known)
    if unknown:
        text += f"; not recognised (kept in each record's original row): {', '.join(unknown)}"
    return text


def _counts(problems: list[ImportProblem]) -> str:
    counts = Counter(p.column or "(whole row or file)" for p in problems)
    return ", ".join(f"{column} {count:,}" for column, count in counts.most_common())
