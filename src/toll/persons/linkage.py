"""Record linkage: which records, across lists and within them, are one person.

`link` trains a splink model on the records themselves (no labels needed),
scores candidate pairs, applies reviewers' decisions and clusters the records
into persons. `link_new` scores a new batch against records already linked,
using a saved model, and never undoes a person or a decision.

Works on pandas DataFrames and knows nothing of the store.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from splink import Linker, block_on

from toll.errors import TollError
from toll.persons import comparisons as link_model
from toll.persons import consistency
from toll.persons.candidates import (
    CLEAR_BEST,
    CLEAR_FLOOR,
    CLEAR_MARGIN,
    RIVALS,
    TWICE_FLOOR,
    discount_rivals,
    lift_clear_best,
)
from toll.persons.canonical import canonical_ids
from toll.persons.clustering import chains, cluster, components
from toll.persons.engines import Engine, open_engine
from toll.persons.features import record_features

Progress = Callable[[int, int, str], None]
PAIR_COLUMNS = ["record_id_l", "record_id_r", "match_probability", "match_weight"]
DECISIONS = ("same", "different")
MAX_RESCORED_COMPONENT = 300


@dataclass
class LinkModel:
    """A trained model: splink settings with m and u probabilities.

    Keep it (`to_json`) to explain results later and to link new lists with
    the same weights (`link_new`).
    """

    settings: dict
    extra_columns: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"settings": self.settings, "extra_columns": self.extra_columns})

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        return cls(data["settings"], tuple(data.get("extra_columns", ())))

    @property
    def prior(self) -> float:
        """Probability that two records drawn at random are the same person."""
        return float(self.settings["probability_two_random_records_match"])

    def parameters(self) -> pd.DataFrame:
        """One row per comparison level: field, level, m, u and match weight."""
        rows = []
        for comparison in self.settings["comparisons"]:
            for level in comparison["comparison_levels"]:
                m = level.get("m_probability")
                u = level.get("u_probability")
                rows.append(
                    {
                        "field": comparison["output_column_name"],
                        "level": level.get("label_for_charts") or level["sql_condition"],
                        "m": m,
                        "u": u,
                        "match_weight": _log2_ratio(m, u),
                    }
                )
        return pd.DataFrame(rows)

    def else_weight(self, field: str) -> float | None:
        """Match weight of a field's last level, "anything else" (e.g. different names)."""
        for comparison in self.settings["comparisons"]:
            if comparison["output_column_name"] == field:
                level = comparison["comparison_levels"][-1]
                if level["sql_condition"].strip().upper() == "ELSE":
                    return _log2_ratio(level.get("m_probability"), level.get("u_probability"))
        return None


@dataclass
class LinkResult:
    """What linkage found.

    pairs: record_id_l, record_id_r, match_probability, match_weight, one
      `mw_<field>` column per field (its match weight), and `decision`
      ("same"/"different"/None). Holds every scored pair at or above the
      review band, plus every decided pair.
    clusters: record_id, cluster_id (the smallest record_id of the cluster; for
      `link_new`, the existing person_id when the cluster has one), split (the facts
      that disagreed, "birth year" or "sex", where the records were one cluster until
      the consistency check split it; else None), split_from (that cluster's first
      record) and, for `link_new`, person_id (existing person or None).
    review_pairs: pairs a person should look at: in the review band, or above
      the threshold but kept apart by clustering; never already decided.
    """

    pairs: pd.DataFrame
    clusters: pd.DataFrame
    review_pairs: pd.DataFrame
    model: LinkModel
    weight_columns: list[str] = field(default_factory=list)

    def splits(self) -> dict[str, int]:
        """How many would-be persons were split for contradicting facts, by reason."""
        split = self.clusters.dropna(subset=["split_from"])
        counts = split.groupby("split_from")["split"].first().value_counts()
        return {str(why): int(n) for why, n in counts.items()}

    def explain(self, record_id_l: str, record_id_r: str) -> str:
        """Match weights of one pair in words: "surname +4.1, given +3.0, ..."."""
        row = _find_pair(self.pairs, record_id_l, record_id_r)
        return explain_pair(row, self.weight_columns)


def link(
    records: pd.DataFrame,
    *,
    decisions: pd.DataFrame | None = None,
    **options,
) -> LinkResult:
    """Link records into persons, whatever the order of the records and their ids.

    Runs `link_records` on ids made from the records' content (`toll.persons.canonical`)
    and gives the result back with the records' own ids. Takes the same options.
    """
    _check_records(records)
    ids = canonical_ids(records)
    canonical = ids["record_id"].to_numpy()
    own = dict(zip(canonical, records["record_id"].astype(str), strict=True))
    renamed = dict(zip(records["record_id"].astype(str), canonical, strict=True))
    decided = normalise_decisions(decisions)
    decided = decided.assign(
        record_id_l=decided["record_id_l"].map(renamed),
        record_id_r=decided["record_id_r"].map(renamed),
    ).dropna(subset=["record_id_l", "record_id_r"])
    if options.get("scored") is not None:
        options["scored"] = _pairs_with_ids(options["scored"], renamed)
    renumbered = records.assign(record_id=canonical)
    if "source_id" in records:
        renumbered["source_id"] = ids["source_id"].where(records["source_id"].notna(), None)
    renumbered = renumbered.sort_values("record_id", kind="stable").reset_index(drop=True)
    result = link_records(renumbered, decisions=decided, **options)
    return _with_ids(result, own)


def _with_ids(result: LinkResult, own: dict[str, str]) -> LinkResult:
    """`result` with the records' own ids: pairs ordered l < r and each cluster named by
    its smallest record again."""
    clusters = result.clusters.copy()
    clusters["record_id"] = clusters["record_id"].map(own)
    # sorted by record, a group's first record is its smallest ("first" needs no Python loop)
    clusters = clusters.sort_values("record_id", kind="stable").reset_index(drop=True)
    clusters["cluster_id"] = clusters.groupby("cluster_id")["record_id"].transform("first")
    if "split_from" in clusters:
        first = clusters.groupby(clusters["split_from"].fillna(""))["record_id"].transform("first")
        clusters["split_from"] = first.where(clusters["split_from"].notna(), None)
    return LinkResult(
        _pairs_with_ids(result.pairs, own),
        clusters,
        _pairs_with_ids(result.review_pairs, own),
        result.model,
        result.weight_columns,
    )


def _pairs_with_ids(pairs: pd.DataFrame, own: dict[str, str]) -> pd.DataFrame:
    left = pairs["record_id_l"].map(own).to_numpy(dtype=object)
    right = pairs["record_id_r"].map(own).to_numpy(dtype=object)
    swap = left > right
    return pairs.assign(
        record_id_l=np.where(swap, right, left), record_id_r=np.where(swap, left, right)
    )


def link_records(
    records: pd.DataFrame,
    *,
    engine: str = "duckdb",
    threshold: float = 0.9,
    review_band: tuple[float, float] = (0.5, 0.9),
    decisions: pd.DataFrame | None = None,
    extra_columns: Sequence[str] = (),
    model: LinkModel | None = None,
    scored: pd.DataFrame | None = None,
    seed: int = 42,
    progress: Progress | None = None,
) -> LinkResult:
    """Link records into persons, as given (`link` makes the ids independent of order).

    `records` needs record_id (unique) and any of source_id, full_name,
    given_name, family_name, patronymic, sex, birth_year, birth_date, age,
    event_date, place. `extra_columns` names further columns to compare
    (identifiers, addresses). `decisions` (record_id_l, record_id_r, decision
    "same"/"different") override the model. Without `model`, one is trained
    on the records (unsupervised). `scored`: the pairs blocking found and `model` scored on
    these very records and `threshold` in an earlier run (`LinkResult.pairs` without the
    `rescored` ones): they are clustered again with `decisions` instead of scoring anew; only
    pairs inside would-be persons that were never scored are scored. `progress(done, steps,
    message)` is called as work advances.
    """
    _check_records(records)
    if scored is not None and model is None:
        raise TollError("link_records: pairs scored earlier need the model that scored them.")
    report = _reporter(progress, 5)
    decided = normalise_decisions(decisions)
    report("Preparing names and dates")
    features = record_features(records, extra_columns)
    with open_engine(engine) as backend, _quiet_splink():
        table = backend.table(features, "__toll_records")
        if model is None:
            report("Training the model (no labels)")
            fields = link_model.present_fields(features)
            settings = link_model.settings(extra_columns, fields, features)
            linker = Linker(table, settings, log_level=None)
            _register_frequencies(linker, backend, [features])
            with backend.in_one_order():  # the same records, the same model to the last digit
                linker = _train(
                    linker, features, seed, lambda saved: Linker(table, saved, log_level=None)
                )
            model = LinkModel(temper(linker.misc.save_model_to_json()), tuple(extra_columns))
            linker = Linker(table, model.settings, log_level=None)
        else:
            linker = Linker(table, _settings_for(model, backend, features), log_level=None)
            _register_frequencies(linker, backend, [features])
        report("Scoring candidate pairs")
        if scored is None:
            predicted = linker.inference.predict(
                threshold_match_probability=_scoring_floor(review_band[0]), warning_mode="never"
            )
            pairs, weight_columns = _clear_best(
                *_pairs_frame(_narrow(predicted), model, features),
                features,
                threshold,
                review_band[0],
            )
        else:
            pairs = scored.drop(columns=["decision", "rescored"], errors="ignore")
            weight_columns = [c for c in pairs.columns if c.startswith("mw_")]
        report("Checking clusters")
        pairs = _rescore_components(linker, model, backend, features, pairs, decided, threshold)
    report("Clustering into persons")
    return _finish(features, pairs, weight_columns, decided, model, threshold, review_band)


def link_new(
    existing: pd.DataFrame,
    new_records: pd.DataFrame,
    model: LinkModel,
    *,
    engine: str = "duckdb",
    threshold: float = 0.9,
    review_band: tuple[float, float] = (0.5, 0.9),
    decisions: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> LinkResult:
    """Link a new batch of records against records already linked into persons.

    `existing` has the record columns plus person_id. New records are scored
    against existing ones and among themselves with the saved `model`; each
    joins an existing person or forms a new one. Existing persons are never
    merged or split here, and decisions always hold.
    """
    _check_records(existing, "person_id")
    _check_records(new_records)
    clash = set(existing["record_id"].astype(str)) & set(new_records["record_id"].astype(str))
    if clash:
        raise TollError(
            f"link_new: {len(clash)} new record ids are already linked (e.g. {min(clash)}); "
            "pass only records that are not in the register yet."
        )
    report = _reporter(progress, 4)
    decided = normalise_decisions(decisions)
    extra = model.extra_columns
    report("Preparing names and dates")
    old = record_features(existing, extra)
    new = record_features(new_records, extra)
    with open_engine(engine) as backend, _quiet_splink():
        old_table = backend.table(old, "__toll_existing")
        new_table = backend.table(new, "__toll_new")
        settings = _settings_for(model, backend, pd.concat([old, new], ignore_index=True))
        linker = Linker(old_table, settings, log_level=None)
        _register_frequencies(linker, backend, [old, new])
        report("Scoring the new records")
        band = _scoring_floor(review_band[0])
        frames = [
            linker.inference.predict_between(
                old_table,
                new_table,
                threshold_match_probability=band,
                warning_mode="never",
            ),
            linker.inference.predict_within(
                new_table, threshold_match_probability=band, warning_mode="never"
            ),
        ]
        everything = pd.concat([old, new], ignore_index=True)
        pairs, weight_columns = _clear_best(
            *_pairs_frame(
                pd.concat([_narrow(f) for f in frames], ignore_index=True), model, everything
            ),
            everything,
            threshold,
            review_band[0],
        )
        persons = existing[["record_id", "person_id"]].astype(str)
        fixed = persons.set_index("record_id")["person_id"]
        report("Checking clusters")
        pairs = _rescore_components(
            linker, model, backend, everything, pairs, decided, threshold, fixed
        )
    result = _finish(
        everything,
        pairs,
        weight_columns,
        decided,
        model,
        threshold,
        review_band,
        fixed,
    )
    result.clusters = _attach_person_ids(result.clusters, fixed)
    return result


def explain_pair(row: pd.Series | dict, weight_columns: Sequence[str]) -> str:
    """Per-field match weights, strongest first: "surname +4.1, given +3.0, birth -2.2"."""
    parts = []
    for column in weight_columns:
        value = row.get(column)
        if value is None or pd.isna(value) or abs(float(value)) < 0.05:
            continue
        parts.append((abs(float(value)), f"{column.removeprefix('mw_')} {float(value):+.1f}"))
    return ", ".join(text for _, text in sorted(parts, key=lambda item: -item[0]))


def normalise_decisions(decisions: pd.DataFrame | None) -> pd.DataFrame:
    """Decided pairs with record_id_l < record_id_r, the last decision per pair."""
    columns = ["record_id_l", "record_id_r", "decision"]
    if decisions is None or len(decisions) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    missing = [c for c in columns if c not in decisions]
    if missing:
        raise TollError(f"decisions: missing column(s) {', '.join(missing)}.")
    frame = decisions[columns].astype(str)
    wrong = frame[~frame["decision"].isin(DECISIONS)]
    if len(wrong):
        raise TollError(
            f"decisions: row {wrong.index[0]} has decision {wrong['decision'].iloc[0]!r}; "
            "use 'same' or 'different'."
        )
    left = frame[["record_id_l", "record_id_r"]].min(axis=1)
    right = frame[["record_id_l", "record_id_r"]].max(axis=1)
    frame = frame.assign(record_id_l=left, record_id_r=right)
    return frame.drop_duplicates(["record_id_l", "record_id_r"], keep="last").reset_index(drop=True)


def _settings_for(model: LinkModel, backend: Engine, features: pd.DataFrame) -> dict:
    """The model's parameters in settings written for this engine's SQL dialect.

    A model trained on DuckDB holds DuckDB SQL; comparisons and blocking rules are
    rebuilt for the engine at hand and the trained m and u values copied over.
    """
    names = [c["output_column_name"] for c in model.settings["comparisons"]]
    fields = [name for name in link_model.FIELDS if name in names]
    creator = link_model.settings(model.extra_columns, fields, features)
    fresh = creator.create_settings_dict(backend.dialect)
    pairs = zip(fresh["comparisons"], model.settings["comparisons"], strict=True)
    for new, old in pairs:
        levels = zip(new["comparison_levels"], old["comparison_levels"], strict=True)
        for new_level, old_level in levels:
            for key in ("m_probability", "u_probability"):
                if old_level.get(key) is not None:
                    new_level[key] = old_level[key]
    fresh["probability_two_random_records_match"] = model.prior
    return fresh


def _register_frequencies(linker: Linker, backend: Engine, frames: list[pd.DataFrame]) -> None:
    """How common each name key is, so that sharing a rare surname counts for more.

    Computed here rather than by splink so that the same frequencies serve
    full runs, re-scoring and incremental runs alike.
    """
    for column in link_model.TERM_FREQUENCY_COLUMNS:
        values = pd.concat([frame[column] for frame in frames], ignore_index=True).dropna()
        if values.empty:
            continue
        share = values.value_counts(normalize=True)
        table = pd.DataFrame({column: share.index.astype(str), f"tf_{column}": share.to_numpy()})
        registered = backend.table(table, f"__toll_tf_{column}")
        linker.table_management.register_term_frequency_lookup(registered, column)


def _train(
    linker: Linker, features: pd.DataFrame, seed: int, rebuild: Callable[[dict], Linker]
) -> Linker:
    """Estimate parameters without labels: prior, u by sampling, m by EM.

    Returns the trained linker: a new one, made by `rebuild` from the model as it
    stood before, when an EM session fails and leaves its linker unusable.
    """
    training = linker.training
    # With no exact agreement at all (one small list of different people) the estimate would be
    # a prior of 0, which no evidence can overcome: keep splink's default prior then.
    if _enough_pairs(features, ("given_key", "family_key", "birth_year_any"), least=1):
        try:
            training.estimate_probability_two_random_records_match(
                link_model.deterministic_rules(), recall=0.7
            )
        except Exception as error:  # too few exact agreements to estimate a prior
            logging.getLogger(__name__).info("keeping the default prior: %s", error)
    training.estimate_u_using_random_sampling(
        max_pairs=min(2e6, max(1e5, len(features) * 5)), seed=seed
    )
    for columns in link_model.training_rules():
        if not _enough_pairs(features, columns):
            continue  # e.g. no record has a date: nothing to learn from
        saved = linker.misc.save_model_to_json()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*columns),
                estimate_without_term_frequencies=True,
                max_pairs=3e5,
                record_sample_proportion=min(1.0, max(0.05, 200_000 / max(len(features), 1))),
            )
        except ValueError as error:
            # EM drove some m to exactly 0 and splink refused it half-way through the
            # session: go on from the model as it stood before this session.
            logging.getLogger(__name__).info("skipping EM session %s: %s", columns, error)
            linker = rebuild(saved)
    return linker


def _enough_pairs(features: pd.DataFrame, columns: Sequence[str], least: int = 20) -> bool:
    """Whether blocking on `columns` yields enough pairs to train on."""
    filled = features[list(columns)].dropna()
    return int(filled.duplicated().sum()) >= least


def temper(settings: dict, floor: float = 1e-3) -> dict:
    """Keep trained weights finite and believable.

    EM on few pairs can drive the m probability of a rare level to ~0, which
    would make one field veto any match (a weight of -80). Every m below
    `floor` is raised to it (the "different names" levels to a higher floor, see
    `link_model.LEAST_M`) and the levels renormalised; levels never seen get the
    floor as well. A level declared at least as strong as the next one
    (`link_model.AT_LEAST_AS_STRONG`) is given at least its weight, and the first
    level (exact agreement) a weight of at least zero. Returns a new settings dict.
    """
    settings = json.loads(json.dumps(settings))
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        ms = [max(float(lv.get("m_probability") or 0.0), floor) for lv in levels]
        ms[-1] = max(ms[-1], link_model.LEAST_M.get(name, floor))
        total = sum(ms)
        for level, m in zip(levels, ms, strict=True):
            level["m_probability"] = m / total
            if not level.get("u_probability"):
                level["u_probability"] = floor
        strong = link_model.AT_LEAST_AS_STRONG.get(name)
        if strong is not None:
            _at_least_as_strong(levels[strong], levels[strong + 1])
        # agreeing exactly never counts against (on a value nearly everyone shares, u > m)
        levels[0]["u_probability"] = min(levels[0]["u_probability"], levels[0]["m_probability"])
    return settings


def _at_least_as_strong(level: dict, following: dict) -> None:
    """Lower `level`'s u so that its weight log2(m/u) is no less than `following`'s."""
    ratio = following["m_probability"] / following["u_probability"]
    level["u_probability"] = min(level["u_probability"], level["m_probability"] / ratio)


def _narrow(scored) -> pd.DataFrame:
    """Only what Toll keeps of splink's predictions, read out of the database.

    Splink's table holds every compared value, level and Bayes factor (dozens of
    columns): selecting ids, probability and per-field weights in SQL (with the
    term-frequency adjustment added to its field) keeps a million pairs small in
    memory. The table is then dropped from the database. Pairs come ordered by their ids:
    the threads that scored them finish in any order, and which pair of a tie comes first
    must not depend on that.
    """
    names = [c.name.strip('"`') for c in scored.columns]
    fields = [n for n in names if n.startswith("mw_") and not n.startswith("mw_tf_adj_")]
    adjusted = [n for n in fields if f"mw_tf_adj_{n[3:]}" in names]
    weights = [f"{_with_frequency(n)} AS {n}" if n in adjusted else n for n in fields]
    # what lifting agreements on very common values to zero adds to the match weight
    lift = " + ".join(f"({_with_frequency(n)} - ({_raw_with_frequency(n)}))" for n in adjusted)
    columns = ", ".join(
        ["unique_id_l", "unique_id_r", f"match_weight + {lift or '0'} AS match_weight", *weights]
    )
    frame = scored.query_sql(f"SELECT {columns} FROM {{this}} ORDER BY unique_id_l, unique_id_r")
    pairs = frame.as_pandas_dataframe()
    for table in (frame, scored):
        table.drop_table_from_database_and_remove_from_cache()
    pairs.insert(2, "match_probability", probability(pairs["match_weight"].to_numpy(dtype=float)))
    return pairs


def _raw_with_frequency(column: str) -> str:
    return f"{column} + coalesce(mw_tf_adj_{column[3:]}, 0)"


def _with_frequency(column: str) -> str:
    """A field's weight with its term-frequency adjustment, where agreeing never counts
    against: on a value most records share (the day of a massacre), splink's adjustment
    can take an exact agreement below zero; it is lifted to zero."""
    return f"greatest({_raw_with_frequency(column)}, least({column}, 0))"


def _scoring_floor(low: float) -> float:
    """The probability down to which pairs are scored: `CLEAR_MARGIN` bits below the least
    pair that may be raised as a clear best, so that all its competitors are seen
    (`toll.persons.candidates`)."""
    least = min(low, CLEAR_FLOOR)
    weight = np.log2(least / (1 - least)) - CLEAR_MARGIN
    return float(probability(weight))


# A field weighing this much (bits) or more against one person keeps a pair from being
# lifted as a clear best. On the --hard generator's seed 101, of 6,694 lifted pairs 229
# had birth years weighing below -1 (227 of them two persons) and 31 sexes (all two).
AGAINST_LIFT = -1.0


def _clear_best(
    pairs: pd.DataFrame,
    weight_columns: list[str],
    features: pd.DataFrame,
    threshold: float,
    low: float,
) -> tuple[pd.DataFrame, list[str]]:
    """Weigh each pair across lists against its rivals in those lists, then link each
    record's clear best candidate in another list (`toll.persons.candidates`); keep pairs
    at `low` or above.

    Never lifts pairs whose given names disagree: a sibling killed with the person, whose own
    record is missing from that list, would be the clear best. Nor pairs whose birth years
    or sexes weigh against one person (`AGAINST_LIFT`), or whose years of event differ (a
    day and month swapped keeps the year): a namesake is the only candidate where the
    person is not in that list at all, and these facts are what tell him.

    Two candidates in one list that score at `low` or above against each other (more
    likely one person entered twice than not) are no rivals: the same-list prior already
    weighed that pair down, and counting the duplicate as a namesake took the person's
    link from both of its entries (seed 501 of `bench/unseen.py --hard`: 839 of 5,118
    missed record-list pairs had two true candidates in that list)."""
    sources = features.set_index("unique_id")["source_id"]
    pairs = discount_rivals(pairs, sources, low=low)
    names_agree = (_column(pairs, "mw_given") >= 0) & (_column(pairs, "mw_relatives") == 0)
    facts_agree = (
        (_column(pairs, "mw_birth") >= AGAINST_LIFT)
        & (_column(pairs, "mw_sex") >= AGAINST_LIFT)
        & ~_years_apart(pairs, features, "event_year")
    )
    pairs = lift_clear_best(
        pairs,
        sources,
        threshold=threshold,
        low=min(low, CLEAR_FLOOR),
        twice=min(low, TWICE_FLOOR),
        eligible=(names_agree & facts_agree).to_numpy(),
    )
    keep = (pairs["match_probability"] >= low) | _rivalled(pairs, threshold)
    return pairs[keep].reset_index(drop=True), [*weight_columns, RIVALS, CLEAR_BEST]


def _years_apart(
    pairs: pd.DataFrame, features: pd.DataFrame, column: str, least: int = 1
) -> pd.Series:
    """Whether the two records of each pair give years in `column` at least `least` apart
    (both given)."""
    years = pd.to_numeric(features.set_index("unique_id")[column], errors="coerce")
    left = pairs["record_id_l"].astype(str).map(years).to_numpy(dtype=float)
    right = pairs["record_id_r"].astype(str).map(years).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return pd.Series(np.abs(left - right) >= least, index=pairs.index)


def _rivalled(pairs: pd.DataFrame, threshold: float) -> pd.Series:
    """Pairs that would be linked but for a rival in the other list (kept for review)."""
    rivals = _column(pairs, RIVALS)
    before = probability((pairs["match_weight"] - rivals).to_numpy(dtype=float))
    return (rivals < 0) & (before >= threshold)


def _pairs_frame(
    predictions: pd.DataFrame, model: LinkModel, features: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Keep ids, probability, overall and per-field weights; ids ordered l < r, one row a pair.

    A field's weight already includes its term-frequency adjustment (`_narrow`),
    so that the field weights add up to the match weight. Relatives are discounted
    (`discount_relatives`) and pairs inside one list weighed down (`within_one_list`).
    """
    predictions = discount_relatives(predictions, model.else_weight("given"))
    predictions = within_one_list(predictions, features.set_index("unique_id")["source_id"])
    weight_columns = [c for c in predictions.columns if c.startswith("mw_")]
    frame = predictions.rename(columns={"unique_id_l": "record_id_l", "unique_id_r": "record_id_r"})
    frame = frame[[*PAIR_COLUMNS, *weight_columns]]
    left = frame["record_id_l"].astype(str).to_numpy()
    right = frame["record_id_r"].astype(str).to_numpy()
    swap = left > right
    frame = frame.assign(
        record_id_l=np.where(swap, right, left), record_id_r=np.where(swap, left, right)
    )
    if swap.any():
        frame = frame.sort_values("match_probability", ascending=False, kind="stable")
        frame = frame.drop_duplicates(["record_id_l", "record_id_r"])
    return frame.reset_index(drop=True), weight_columns


# Relatives share a family name, a father, a home and often the day they were killed;
# only the given name tells brothers apart. When the given names clearly differ,
# agreement on these shared facts is no evidence of one person.
SHARED_BY_RELATIVES = ("mw_event", "mw_place")


def discount_relatives(pairs: pd.DataFrame, names_differ: float | None) -> pd.DataFrame:
    """Cancel what date and place add to pairs whose given names clearly differ.

    Fellegi-Sunter treats fields as independent, so siblings killed together (same
    surname, father, place and day) would score as one person despite different
    given names. For pairs whose given names fall in the "different" level, the
    positive weights of the date and place of event are cancelled by a `mw_relatives`
    weight of the opposite sign, so the field weights still add up to the match
    weight and the explanation says why. Disagreement still counts in full.
    """
    pairs = pairs.copy()
    pairs["mw_relatives"] = 0.0
    shared = [c for c in SHARED_BY_RELATIVES if c in pairs]
    if names_differ is None or "mw_given" not in pairs or not shared:
        return pairs
    differ = np.isclose(pairs["mw_given"].to_numpy(dtype=float), names_differ, atol=1e-6)
    gain = pairs[shared].clip(lower=0).fillna(0).sum(axis=1).to_numpy()
    removed = np.where(differ, gain, 0.0)
    pairs["mw_relatives"] = np.where(removed > 0, -removed, 0.0)  # no "-0.0" in explanations
    pairs["match_weight"] = pairs["match_weight"] - removed
    pairs["match_probability"] = probability(pairs["match_weight"].to_numpy())
    return pairs


SAME_LIST = "mw_same_list"


def within_one_list(pairs: pd.DataFrame, sources: pd.Series) -> pd.DataFrame:
    """Weigh down pairs of two records of one list (`link_model.SAME_LIST_WEIGHT`).

    The model's prior is one for all pairs, but a list names most persons once: two
    records of one list are the same person far less often than two records of two
    lists, and namesakes in one list are as common as anywhere. The difference in prior
    odds is added as a weight of its own, `mw_same_list`, so that the field weights still
    add up to the match weight and the explanation says why. Records of no known list
    are left as scored.
    """
    pairs = pairs.copy()
    left = pairs["unique_id_l"].map(sources).to_numpy(dtype=object)
    right = pairs["unique_id_r"].map(sources).to_numpy(dtype=object)
    same = pd.notna(left) & pd.notna(right) & (left == right)
    pairs[SAME_LIST] = np.where(same, link_model.SAME_LIST_WEIGHT, 0.0)
    pairs["match_weight"] = pairs["match_weight"] + pairs[SAME_LIST]
    pairs["match_probability"] = probability(pairs["match_weight"].to_numpy())
    return pairs


def probability(match_weight):
    """Match probability of a match weight (log2 of the odds, prior included)."""
    return 1 / (1 + np.exp2(-match_weight))


def _rescore_components(
    linker: Linker,
    model: LinkModel,
    backend: Engine,
    features: pd.DataFrame,
    pairs: pd.DataFrame,
    decided: pd.DataFrame,
    threshold: float,
    fixed: pd.Series | None = None,
) -> pd.DataFrame:
    """Score every pair inside each would-be person that blocking did not compare.

    Clustering judges a group by all its pairs; a pair never compared would
    otherwise count as "different". The pairs scored here are marked `rescored`.
    """
    pairs = pairs.assign(rescored=False)
    same = decided.loc[decided["decision"] == "same", PAIR_COLUMNS[:2]]
    links = pd.concat(
        [pairs.loc[pairs["match_probability"] >= threshold, PAIR_COLUMNS[:2]], same, chains(fixed)],
        ignore_index=True,
    )
    labels = components(features["unique_id"], links)
    counts = labels.value_counts()
    left = pairs["record_id_l"].map(labels)
    inside = left[left == pairs["record_id_r"].map(labels)]
    scored = inside.value_counts().reindex(counts.index, fill_value=0)
    gaps = counts[(counts > 2) & (counts <= MAX_RESCORED_COMPONENT)]
    gaps = gaps[scored[gaps.index] < gaps * (gaps - 1) // 2]
    chosen = labels[labels.isin(gaps.index)]
    if chosen.empty:
        return pairs
    subset = features[features["unique_id"].isin(chosen.index)].copy()
    subset["toll_component"] = subset["unique_id"].map(chosen).astype("int64")
    table = backend.table(subset, "__toll_components")
    scored = linker.inference.predict_within(
        table,
        blocking_rules_to_generate_predictions=[block_on("toll_component")],
        warning_mode="never",
    )
    extra, _ = _pairs_frame(_narrow(scored), model, features)
    known = pairs[pairs["record_id_l"].isin(chosen.index)]
    known_keys = set(zip(known["record_id_l"], known["record_id_r"], strict=True))
    new = [
        key not in known_keys
        for key in zip(extra["record_id_l"], extra["record_id_r"], strict=True)
    ]
    return pd.concat([pairs, extra[new].assign(rescored=True)], ignore_index=True)


def _finish(
    features: pd.DataFrame,
    pairs: pd.DataFrame,
    weight_columns: list[str],
    decided: pd.DataFrame,
    model: LinkModel,
    threshold: float,
    review_band: tuple[float, float],
    fixed: pd.Series | None = None,
) -> LinkResult:
    same = decided[decided["decision"] == "same"]
    different = decided[decided["decision"] == "different"]
    clusters = cluster(
        features["unique_id"],
        _no_typo_without_identifier(pairs, features, model.extra_columns),
        threshold=threshold,
        same=same,
        different=different,
        fixed=fixed,
        facts=consistency.facts(features),
    )
    pairs = _merge_decisions(pairs, decided)
    keep = (pairs["match_probability"].fillna(0) >= review_band[0]) | pairs["decision"].notna()
    keep |= _rivalled(pairs, threshold)
    pairs = pairs[keep].reset_index(drop=True)
    review = _review_pairs(pairs, clusters, threshold, review_band)
    return LinkResult(pairs, clusters, review, model, weight_columns)


def _no_typo_without_identifier(
    pairs: pd.DataFrame, features: pd.DataFrame, extra_columns: Sequence[str]
) -> pd.DataFrame:
    """The pairs as the cluster check reads them: birth years `consistency.NO_TYPO_YEARS`
    or more apart are no typo unless an identifier (an extra column) agrees.

    The check keeps two contradicting records linked at `consistency.EXEMPT` or more
    together, as a typo. A father and his son of one name, killed on one day in one
    village, score that high on names, day and place alone (seed 804 of
    `bench/unseen.py --hard`: 11.3 bits, born 1929 and about 1954); records whose
    identifier agrees (FEBRL's duplicates, their dates of birth replaced whole) are one
    person. Such pairs, without an agreeing extra column, are read just below the bar.
    """
    far = _years_apart(pairs, features, "birth_year_any", consistency.NO_TYPO_YEARS)
    agreed = [f"mw_{c}" for c in extra_columns if f"mw_{c}" in pairs]
    if agreed:
        far &= ~(pairs[agreed].fillna(0) > 0).any(axis=1)
    if not far.any():
        return pairs
    below = np.nextafter(consistency.EXEMPT, 0.0)
    probability = pairs["match_probability"].to_numpy(dtype=float)
    return pairs.assign(
        match_probability=np.where(far, np.minimum(probability, below), probability)
    )


def _merge_decisions(pairs: pd.DataFrame, decided: pd.DataFrame) -> pd.DataFrame:
    """Add each pair's decision (or None), and the decided pairs the model never scored."""
    pairs = pairs.assign(decision=None)
    if decided.empty:
        return pairs
    keys = pd.MultiIndex.from_frame(pairs[["record_id_l", "record_id_r"]])
    decision = decided.set_index(["record_id_l", "record_id_r"])["decision"]
    found = decision.reindex(keys)
    pairs["decision"] = found.astype(object).where(found.notna(), None).to_numpy()
    unscored = decided[
        ~pd.MultiIndex.from_frame(decided[["record_id_l", "record_id_r"]]).isin(keys)
    ]
    return pd.concat([pairs, unscored], ignore_index=True)


# A given-name weight below this means the names clearly differ (not a typo or a transliteration).
GIVEN_NAMES_DIFFER = -3.0


def _review_pairs(
    pairs: pd.DataFrame,
    clusters: pd.DataFrame,
    threshold: float,
    review_band: tuple[float, float],
) -> pd.DataFrame:
    """Undecided pairs a person should look at, each with its reason: in the uncertain
    band; linked only as each other's clear best candidate; strong but for a rival in the
    other list; strong but kept apart by clustering; joined although the given names
    clearly differ; or kept apart only because relatives share the rest (siblings or one
    person under two given names?)."""
    of = clusters.set_index("record_id")["cluster_id"]
    p = pairs["match_probability"]
    apart = pairs["record_id_l"].map(of) != pairs["record_id_r"].map(of)
    undecided = pairs["decision"].isna()
    in_band = (p >= review_band[0]) & (p < review_band[1])
    split = (p >= threshold) & apart
    given = _column(pairs, "mw_given")
    siblings = ~apart & (given < GIVEN_NAMES_DIFFER)
    relatives = _column(pairs, "mw_relatives")
    before_discount = probability(pairs["match_weight"] - relatives)
    kin = apart & (relatives < 0) & (before_discount >= threshold)
    clusters = clusters.reindex(
        columns=[
            *clusters.columns.drop(["split", "split_from"], errors="ignore"),
            "split",
            "split_from",
        ]
    )
    origin = clusters.set_index("record_id")["split_from"]
    left_origin = pairs["record_id_l"].map(origin)
    bridged = apart & left_origin.notna() & (left_origin == pairs["record_id_r"].map(origin))
    bridged &= p >= review_band[0]
    only = _column(pairs, CLEAR_BEST) > 0
    rivalled = apart & _rivalled(pairs, threshold)
    review = pairs[undecided & (in_band | split | siblings | kin | bridged | only | rivalled)]
    review = review.copy()
    review["reason"] = "uncertain"
    review.loc[rivalled[review.index], "reason"] = (
        "kept apart: another candidate in that list is about as likely (a namesake?)"
    )
    review.loc[only[review.index], "reason"] = (
        "linked as each other's clear best candidate in the other list (little else agrees)"
    )
    review.loc[split[review.index], "reason"] = "strong link kept apart by clustering"
    review.loc[siblings[review.index], "reason"] = "joined although the given names differ"
    review.loc[kin[review.index], "reason"] = (
        "kept apart: different given names, same family, place and date (relatives?)"
    )
    reason = clusters.set_index("record_id")["split"]
    why = pairs["record_id_l"].map(reason)
    for index in review.index[bridged[review.index]]:
        review.loc[index, "reason"] = (
            f"kept apart: joining them would give one person records whose {why[index]} disagree"
        )
    order = ["match_probability", "record_id_l", "record_id_r"]
    return review.sort_values(order, ascending=[False, True, True]).reset_index(drop=True)


def _column(pairs: pd.DataFrame, name: str) -> pd.Series:
    """A weight column, or zeros when the model has no such field."""
    return pairs[name].fillna(0.0) if name in pairs else pd.Series(0.0, index=pairs.index)


def _attach_person_ids(clusters: pd.DataFrame, person_of: pd.Series) -> pd.DataFrame:
    """Name each cluster by the existing person it contains (at most one, by construction)."""
    clusters = clusters.copy()
    clusters["person_id"] = clusters["record_id"].map(person_of)
    chosen = clusters.dropna(subset=["person_id"]).groupby("cluster_id")["person_id"].min()
    named = clusters["cluster_id"].map(chosen)
    clusters["cluster_id"] = named.fillna(clusters["cluster_id"])
    clusters["person_id"] = (
        clusters["person_id"].astype(object).where(clusters["person_id"].notna(), None)
    )
    return clusters


def _find_pair(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    left, right = min(a, b), max(a, b)
    hit = pairs[(pairs["record_id_l"] == left) & (pairs["record_id_r"] == right)]
    if hit.empty:
        raise TollError(f"no scored pair {left} / {right}: the model never compared them.")
    return hit.iloc[0]


def _check_records(records: pd.DataFrame, *required: str) -> None:
    for column in ("record_id", *required):
        if column not in records:
            raise TollError(f"records: no {column} column; every record needs one.")
    ids = records["record_id"].astype(str)
    duplicated = ids[ids.duplicated()]
    if len(duplicated):
        raise TollError(
            f"records: record_id {duplicated.iloc[0]!r} appears more than once; ids must be unique."
        )


def _reporter(progress: Progress | None, steps: int) -> Callable[[str], None]:
    """`report(message)` at the start of each step: `progress(steps done so far, steps,
    message)`, so that a bar stands at 80%, not 100%, while the last step runs."""
    count = iter(range(steps))

    def report(message: str) -> None:
        if progress is not None:
            progress(next(count, steps - 1), steps, message)

    return report


def _log2_ratio(m, u) -> float | None:
    import math

    if not m or not u:
        return None
    return math.log2(m / u)


@contextmanager
def _quiet_splink():
    """Splink's training notes (untrained levels, etc.) are not for end users."""
    logger = logging.getLogger("splink")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
