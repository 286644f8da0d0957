"""How a record is shown to people: its name, and what is known of its birth.

Works on a stored `Record` and on a `RecordDraft` read from a file alike.
"""


def full_name(
    full: str | None, family: str | None, given: str | None, patronymic: str | None
) -> str | None:
    """The name as the list wrote it whole, else its parts: family, given, patronymic."""
    return full or " ".join(part for part in (family, given, patronymic) if part) or None


def record_name(record) -> str:
    """The record's name for display ("" when the row gives none)."""
    name = full_name(record.full_name, record.family_name, record.given_name, record.patronymic)
    return name or ""


def born_text(record) -> str | None:
    """The birth year, or what is known of it: "1961", "1978–1982"."""
    if record.birth_year:
        return str(record.birth_year)
    earliest, latest = record.birth_date_earliest, record.birth_date_latest
    if not (earliest and latest):
        return None
    if earliest.year == latest.year:
        return str(earliest.year)
    return f"{earliest.year}–{latest.year}"
