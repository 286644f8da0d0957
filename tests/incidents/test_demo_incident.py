"""The demo's incident: every account of the Northfield shelling side by side."""

import json

CATEGORIES = ("killed", "injured", "missing", "captured")
IN_THE_LISTS = ("killed", "missing")  # the demo's synthetic lists record no injured or captive


def test_the_demo_reconciles_three_sources_per_category_with_register_and_estimate(toll, tmp_path):
    db = tmp_path / "demo.db"
    built = toll("demo", "--db", db, "--persons", "200", "--json")
    assert built.exit_code == 0, built.stderr
    result = toll("reconcile", "--incident", "Нортфилд", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    (account,) = json.loads(result.stdout)
    assert account["incident"]["title"] == "Northfield shelling"
    groups = {g["category"]: g for g in account["groups"] if g["subgroup"] is None}
    for category in CATEGORIES:
        group = groups[category]
        assert group["sources"] >= 3, category
        assert group["register"]["count"] == len(group["register"]["persons"])
        claims = {f["claim_id"] for f in group["figures"]}
        assert set(group["low"]["claims"]) <= claims and set(group["median"]["claims"]) <= claims
    for category in IN_THE_LISTS:
        group = groups[category]
        assert group["register"]["count"] > 0
        (first, *_) = group["estimate"]["methods"]
        assert first["low"] <= first["estimate"] <= first["high"]
    ged = [f for f in groups["killed"]["figures"] if f["provenance"]]
    assert ged[0]["provenance"]["event_id"] == "880101" and ged[0]["qualifier"] == "range"
    (recognitions,) = json.loads(toll("recognitions", "--db", db, "--json").stdout)
    assert [c["count"] for c in recognitions["claimed"]] == [5]
    assert [r["jurisdiction"] for r in recognitions["recorded"]] == ["Ostland"]
