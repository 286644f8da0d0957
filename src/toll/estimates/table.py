"""The capture table: how many people each combination of lists recorded.

Lists are numbered 0..k-1; a capture pattern is stored as a bit mask (bit j set when list j
recorded the person), so cell 0b101 holds the people on lists 0 and 2 and on no other list.
Cell 0, the people no list recorded, is what the estimates are about: it is never observed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from toll.errors import TollError


def popcount(mask: int) -> int:
    """Number of lists in a capture pattern (bits set in the mask)."""
    return bin(mask).count("1")


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Counts of people by capture pattern over `lists` (zeros included).

    `counts[mask]` is the number of people recorded by exactly the lists whose bits are set in
    `mask`; `counts[0]` is always 0 (the unrecorded are unknown).
    """

    lists: tuple[str, ...]
    counts: np.ndarray

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.int64).copy()
        k = len(self.lists)
        if counts.shape != (2**k,):
            raise TollError(f"capture table: expected {2**k} cells for {k} lists, "
                            f"got {counts.shape}")
        if len(set(self.lists)) != k:
            raise TollError(f"capture table: list names repeat: {', '.join(self.lists)}")
        if (counts < 0).any():
            raise TollError("capture table: counts must not be negative")
        if counts[0] != 0:
            raise TollError("capture table: the all-zero pattern (recorded by no list) must be 0")
        counts.setflags(write=False)
        object.__setattr__(self, "lists", tuple(self.lists))
        object.__setattr__(self, "counts", counts)

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_patterns(
        cls, lists: Sequence[str], rows: Iterable[tuple[Sequence[int], int]]
    ) -> CaptureTable:
        """Build from (0/1 pattern, count) rows; a pattern given twice is summed, absent is 0."""
        k = len(lists)
        counts = np.zeros(2**k, dtype=np.int64)
        for pattern, count in rows:
            if len(pattern) != k:
                raise TollError(f"capture pattern {tuple(pattern)} has {len(pattern)} values, "
                                f"expected {k} (one per list)")
            mask = pattern_to_mask(pattern)
            if mask == 0 and count:
                raise TollError("capture pattern of all zeros: nobody can be counted as recorded "
                                "by no list; remove that row")
            counts[mask] += int(count)
        return cls(tuple(lists), counts)

    @classmethod
    def from_mapping(
        cls, lists: Sequence[str], mapping: Mapping[Sequence[int], int]
    ) -> CaptureTable:
        """Build from a mapping {0/1 pattern tuple: count}."""
        return cls.from_patterns(lists, mapping.items())

    @classmethod
    def from_dict(cls, data: Mapping) -> CaptureTable:
        """Rebuild a table from `to_dict()` output."""
        return cls.from_patterns(data["lists"], [(tuple(int(c) for c in row["pattern"]),
                                                  int(row["count"])) for row in data["patterns"]])

    @classmethod
    def from_csv(cls, path: str | Path) -> CaptureTable:
        """Read a CSV with one 0/1 column per list and a `count` column.

        Every non-empty pattern must appear exactly once (zeros included) and the all-zero
        pattern must not appear; errors name the file, line and column.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise TollError(f"{path}: cannot read the capture table ({error.strerror})") from error
        reader = csv.reader(text.splitlines())
        header = next(reader, None)
        if not header:
            raise TollError(f"{path}: empty file; expected a header with list names and `count`")
        header = [name.strip() for name in header]
        lower = [name.lower() for name in header]
        if "count" not in lower:
            raise TollError(f"{path}, line 1: no `count` column; the header must name one 0/1 "
                            "column per list and a `count` column")
        count_col = lower.index("count")
        list_cols = [i for i in range(len(header)) if i != count_col]
        lists = [header[i] for i in list_cols]
        if any(not name for name in lists):
            raise TollError(f"{path}, line 1: a list column has no name")
        k = len(lists)
        seen: dict[int, int] = {}
        counts = np.zeros(2**k, dtype=np.int64)
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise TollError(f"{path}, line {line}: {len(row)} values, expected {len(header)}")
            pattern = []
            for i in list_cols:
                value = row[i].strip()
                if value not in ("0", "1"):
                    raise TollError(f"{path}, line {line}, column {header[i]}: {value!r} is not 0 "
                                    "or 1 (1 = recorded by this list)")
                pattern.append(int(value))
            raw = row[count_col].strip()
            try:
                count = int(raw)
            except ValueError:
                raise TollError(f"{path}, line {line}, column {header[count_col]}: {raw!r} is not "
                                "a whole number") from None
            if count < 0:
                raise TollError(f"{path}, line {line}, column {header[count_col]}: negative count")
            mask = pattern_to_mask(pattern)
            if mask == 0:
                raise TollError(f"{path}, line {line}: the all-zero pattern is the unobserved cell "
                                "the estimate is about; remove this row")
            if mask in seen:
                raise TollError(f"{path}, line {line}: pattern {''.join(map(str, pattern))} "
                                f"already given on line {seen[mask]}")
            seen[mask] = line
            counts[mask] = count
        missing = [m for m in range(1, 2**k) if m not in seen]
        if missing:
            shown = ", ".join(mask_to_string(m, k) for m in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise TollError(f"{path}: {len(missing)} capture patterns missing ({shown}{more}); "
                            "list every non-empty pattern, with count 0 where nobody has it")
        return cls(tuple(lists), counts)

    # ---- views -------------------------------------------------------------------------
    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def observed(self) -> int:
        """Number of distinct people recorded by at least one list."""
        return int(self.counts.sum())

    def cell_counts(self) -> np.ndarray:
        """Counts of the observable cells, masks 1..2^k-1, in that order."""
        return np.asarray(self.counts[1:])

    def list_totals(self) -> dict[str, int]:
        """How many people each list recorded."""
        masks = np.arange(2**self.k)
        return {name: int(self.counts[(masks >> j) & 1 == 1].sum())
                for j, name in enumerate(self.lists)}

    def overlap(self, mask: int) -> int:
        """People recorded by all the lists in `mask` (whatever other lists recorded them)."""
        masks = np.arange(2**self.k)
        return int(self.counts[(masks & mask) == mask].sum())

    def rows(self) -> list[tuple[tuple[int, ...], int]]:
        """(0/1 pattern, count) for every observable cell, in mask order."""
        return [(mask_to_pattern(m, self.k), int(self.counts[m])) for m in range(1, 2**self.k)]

    def to_dict(self) -> dict:
        """Plain data: list names and rows, enough to rebuild the table exactly."""
        return {"lists": list(self.lists),
                "patterns": [{"pattern": "".join(map(str, p)), "count": c} for p, c in self.rows()]}

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, CaptureTable) and self.lists == other.lists
                and np.array_equal(self.counts, other.counts))

    def __hash__(self) -> int:
        return hash((self.lists, self.counts.tobytes()))

    def __repr__(self) -> str:
        return f"CaptureTable(lists={list(self.lists)}, observed={self.observed})"

    # ---- sensitivity: drop and merge lists ------------------------------------------------
    def drop(self, name: str) -> CaptureTable:
        """The table without list `name`: people only on that list disappear."""
        j = self._index(name)
        keep = [i for i in range(self.k) if i != j]
        return self._project(keep, [self.lists[i] for i in keep])

    def merge(self, names: Sequence[str], new_name: str | None = None) -> CaptureTable:
        """Merge lists into one: a person is on the merged list if on any of them."""
        idx = sorted({self._index(n) for n in names})
        if len(idx) < 2:
            raise TollError("merge: name at least two different lists")
        new_name = new_name or "+".join(self.lists[i] for i in idx)
        groups: list[list[int]] = []
        out_names: list[str] = []
        for i in range(self.k):
            if i == idx[0]:
                groups.append(idx)
                out_names.append(new_name)
            elif i not in idx:
                groups.append([i])
                out_names.append(self.lists[i])
        return self._group(groups, out_names)

    def changed(self, drop: Sequence[str] = (), merge: Sequence[str] = ()) -> CaptureTable:
        """Merge groups written "A+B", then drop lists (for sensitivity checks)."""
        table = self
        for group in merge:
            names = [n.strip() for n in group.split("+") if n.strip()]
            table = table.merge(names, "+".join(names))
        for name in drop:
            table = table.drop(name)
        return table

    def without_empty_lists(self) -> tuple[CaptureTable, list[str]]:
        """Drop lists that recorded nobody; returns the table and the dropped names."""
        empty = [name for name, total in self.list_totals().items() if total == 0]
        table = self
        for name in empty:
            table = table.drop(name)
        return table, empty

    def _index(self, name: str) -> int:
        if name not in self.lists:
            raise TollError(f"no list named {name!r}; lists are {', '.join(self.lists)}")
        return self.lists.index(name)

    def _project(self, keep: list[int], names: list[str]) -> CaptureTable:
        return self._group([[i] for i in keep], names)

    def _group(self, groups: list[list[int]], names: list[str]) -> CaptureTable:
        counts = np.zeros(2 ** len(groups), dtype=np.int64)
        for mask in range(1, 2**self.k):
            new = 0
            for g, members in enumerate(groups):
                if any(mask >> i & 1 for i in members):
                    new |= 1 << g
            if new:
                counts[new] += self.counts[mask]
        return CaptureTable(tuple(names), counts)


def pattern_to_mask(pattern: Sequence[int]) -> int:
    """(1, 0, 1) -> 0b101: list j recorded the person when bit j is set."""
    mask = 0
    for j, value in enumerate(pattern):
        if int(value) not in (0, 1):
            raise TollError(f"capture pattern {tuple(pattern)}: values must be 0 or 1")
        mask |= int(value) << j
    return mask


def mask_to_pattern(mask: int, k: int) -> tuple[int, ...]:
    """0b101 with k=3 -> (1, 0, 1)."""
    return tuple((mask >> j) & 1 for j in range(k))


def mask_to_string(mask: int, k: int) -> str:
    """0b101 with k=3 -> "101" (list order, as in CSV columns)."""
    return "".join(map(str, mask_to_pattern(mask, k)))
