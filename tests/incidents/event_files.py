"""Event exports of our own, with the real column names of UCDP GED and ACLED CSV files."""

import csv
from pathlib import Path

GED_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
).split(",")

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")


def ged_row(event_id, place, day, best, low, high, civilians=0, **extra) -> dict:
    row = dict.fromkeys(GED_COLUMNS, "")
    row.update(
        id=str(event_id),
        relid=f"VAL-{day[:4]}-1-{event_id}",
        year=day[:4],
        active_year="1",
        code_status="Clear",
        type_of_violence="1",
        conflict_name="Valdoria: Government",
        dyad_name="Government of Valdoria - Eastern Front",
        where_coordinates=place,
        where_description=f"{place} town",
        adm_1="Eastern province",
        latitude="48.1",
        longitude="37.7",
        country="Valdoria",
        region="Europe",
        date_prec="1",
        date_start=f"{day} 00:00:00.000",
        date_end=f"{day} 00:00:00.000",
        deaths_civilians=str(civilians),
        best=str(best),
        low=str(low),
        high=str(high),
        source_article='"Wire service (invented)";"Local radio (invented)"',
        number_of_sources="2",
    )
    row.update(extra)
    return row


def acled_row(event_id, place, day, fatalities, **extra) -> dict:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty=event_id,
        event_date=day,
        year=day[:4],
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Eastern Front",
        country="Valdoria",
        admin1="Eastern province",
        location=place,
        latitude="48.1",
        longitude="37.7",
        geo_precision="1",
        source="Wire service (invented)",
        notes=f"On {day}, shells hit {place}; {fatalities} people were reported killed.",
        fatalities=str(fatalities),
        timestamp="1700000000",
    )
    row.update(extra)
    return row


def write(path: Path, columns, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path
