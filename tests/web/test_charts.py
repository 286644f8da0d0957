from toll.web.charts import persons_by


def test_a_bar_with_suppressed_counts_is_marked_as_partly_hidden():
    rows = [
        {"status": "killed", "sex": "female", "persons": None},
        {"status": "missing", "sex": "female", "persons": 8},
        {"status": "killed", "sex": "male", "persons": 50},
    ]
    chart = persons_by(rows, "sex", "Persons by sex and status", "sex")
    assert "female (part hidden)" in chart
    assert "male (part hidden)" not in chart.replace("female (part hidden)", "")
