"""`toll synth`: overlapping lists with known truth, reproducible, realistic enough."""

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from toll.cli.app import app
from toll.names import name_keys_frame
from toll.synth import CONVENTIONS, SynthSettings, make_lists, write_lists
from toll.synth.noise import typo


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    result = write_lists(folder, SynthSettings(persons=1500, lists=5, seed=3))
    return folder, result


def _read(folder, name):
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def test_truth_matches_every_written_row(written):
    folder, result = written
    truth = pd.read_csv(folder / "truth.csv")
    assert list(truth.columns) == ["file", "row", "person_id"]
    population = pd.read_csv(folder / "population.csv")
    for name in result.lists:
        rows = _read(folder, f"{name}.csv")
        in_file = truth[truth["file"] == f"{name}.csv"]
        assert len(in_file) == len(rows) > 0
        assert in_file["row"].tolist() == list(range(1, len(rows) + 1))
    assert set(truth["person_id"]) <= set(population["person_id"])
    counted = truth.groupby("person_id")["file"].nunique()
    listed = population.set_index("person_id")["lists"]
    assert (listed[counted.index] == counted).all()
    assert (listed.drop(counted.index) == 0).all()


def test_headers_follow_each_convention(written):
    folder, result = written
    for j, name in enumerate(result.lists):
        header = list(_read(folder, f"{name}.csv").columns)
        assert header == list(CONVENTIONS[j].headers.values())


def test_lists_are_written_in_their_scripts(written):
    folder, _ = written
    ministry = _read(folder, "list1_ministry.csv")
    commission = _read(folder, "list2_commission.csv")
    ngo = _read(folder, "list3_ngo.csv")
    cyrillic = commission["Фамилия"].str.contains("[а-яА-Я]", regex=True).mean()
    assert cyrillic > 0.9
    assert ministry["Ata adı"].str.contains("oğlu|qızı|oglu|qizi").mean() > 0.3
    assert ngo["Full name"].map(str.isascii).mean() > 0.9
    assert ngo["Age"].replace("", np.nan).dropna().astype(int).between(0, 110).all()


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    settings = SynthSettings(persons=300, lists=3, seed=11)
    write_lists(tmp_path / "a", settings)
    write_lists(tmp_path / "b", settings)
    write_lists(tmp_path / "c", SynthSettings(persons=300, lists=3, seed=12))
    for name in ("list1_ministry.csv", "list3_ngo.csv", "truth.csv", "population.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = (tmp_path / "c" / "truth.csv").read_bytes()
    assert (tmp_path / "a" / "truth.csv").read_bytes() != other


def test_duplicates_within_lists_and_overlap_between_them(written):
    _, result = written
    truth = result.truth
    duplicated = truth.duplicated(["file", "person_id"]).sum()
    assert 0 < duplicated < 0.08 * len(truth)
    per_person = truth.groupby("person_id")["file"].nunique()
    assert (per_person >= 2).mean() > 0.2
    assert result.summary()["persons_unlisted"] > 0


def test_capture_is_heterogeneous_and_correlated(written):
    """Being on one list makes being on another more likely (visibility), and lists
    favour different statuses (a commission records the missing more often)."""
    _, result = written
    truth, population = result.truth, result.population.set_index("person_id")
    on = {file: set(group) for file, group in truth.groupby("file")["person_id"]}
    first, second = on["list1_ministry.csv"], on["list3_ngo.csv"]
    everyone = len(population)
    assert len(first & second) / len(first) > len(second) / everyone
    status = population["status"]
    commission = status[status.index.isin(on["list2_commission.csv"])]
    assert (commission == "missing").mean() > (status == "missing").mean()


def test_names_layer_links_the_truth_across_scripts(written):
    """Records of one person in different lists mostly share their name keys, while
    their names as written rarely agree (the point of the names layer)."""
    folder, result = written
    frames = []
    roles = {
        "Soyadı": "family",
        "Adı": "given",
        "Фамилия": "family",
        "Имя": "given",
        "Full name": "full",
        "ФИО": "full",
        "Surname": "family",
        "First name": "given",
    }
    for name in result.lists:
        rows = _read(folder, f"{name}.csv").rename(columns=roles)
        rows["file"] = f"{name}.csv"
        rows["row"] = range(1, len(rows) + 1)
        frames.append(rows)
    table = pd.concat(frames, ignore_index=True).merge(result.truth, on=["file", "row"])
    keys = name_keys_frame(table, full="full", given="given", family="family")
    table = pd.concat([table, keys], axis=1)
    table["raw_family"] = table["family"].fillna(table["full"])
    pairs = table.merge(table, on="person_id")
    pairs = pairs[pairs["file_x"] < pairs["file_y"]]
    same_stem = (pairs["family_stem_x"] == pairs["family_stem_y"]).mean()
    same_phonetic = (pairs["family_phonetic_x"] == pairs["family_phonetic_y"]).mean()
    same_raw = (pairs["raw_family_x"] == pairs["raw_family_y"]).mean()
    assert same_stem > 0.75
    assert same_phonetic > 0.8
    assert same_raw < 0.3


def test_rewriting_with_fewer_lists_removes_the_old_ones(tmp_path):
    write_lists(tmp_path, SynthSettings(persons=100, lists=4, seed=1))
    write_lists(tmp_path, SynthSettings(persons=100, lists=2, seed=1))
    lists = sorted(path.name for path in tmp_path.glob("list*.csv"))
    assert lists == ["list1_ministry.csv", "list2_commission.csv"]


def test_for_records_scales_persons():
    settings = SynthSettings.for_records(10_000, lists=5)
    result = make_lists(SynthSettings(persons=settings.persons, lists=5, seed=1))
    assert 8_000 < result.summary()["records"] < 12_000


def test_typo_changes_one_letter_at_most_by_one_edit():
    rng = np.random.default_rng(0)
    for _ in range(200):
        out = typo("Məmmədov", rng)
        assert abs(len(out) - len("Məmmədov")) <= 1


def test_cli_writes_and_reports(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "synth",
            str(tmp_path / "out"),
            "--persons",
            "200",
            "--lists",
            "2",
            "--seed",
            "5",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["persons"] == 200
    assert set(summary["lists"]) == {"list1_ministry", "list2_commission"}
    assert (tmp_path / "out" / "truth.csv").exists()


def test_cli_records_option_sizes_the_lists(tmp_path):
    result = CliRunner().invoke(
        app, ["synth", str(tmp_path), "--records", "3000", "--lists", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert 2400 < json.loads(result.output)["records"] < 3600


def test_cli_rejects_bad_counts(tmp_path):
    result = CliRunner().invoke(app, ["synth", str(tmp_path), "--lists", "0"])
    assert result.exit_code != 0
    assert "--lists" in result.output or "--lists" in str(result.exception)


def test_siblings_share_family_father_place_and_day_but_not_given_name():
    from toll.synth.pools import load_pools
    from toll.synth.population import make_population

    rng = np.random.default_rng(4)
    people = make_population(3000, load_pools(), rng, sibling_rate=0.2)
    families = people[people.duplicated("family", keep=False)]
    assert 0.15 < people["family"].ne(people["person_id"]).mean() < 0.25
    for _, family in families.groupby("family"):
        for column in ("family_id", "father_id", "place_id", "event_date", "group"):
            assert family[column].nunique() == 1, column
        first = family.iloc[0]
        others = family.iloc[1:]
        assert (others["given_id"] != first["given_id"]).all()
        assert (others["birth_date"] != first["birth_date"]).all()
        assert (family["birth_date"] < family["event_date"]).all()
