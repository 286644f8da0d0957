"""Families: households read from the lists and relations entered by hand, and family figures.

Use::

    from toll.families import Definitions, family_figures, family_of, relate, unrelate
    relation = relate(session, "P-00012", "P-00031", "parent", source_id=4)
    unrelate(session, relation.id, reason="entered for the wrong family")  # kept, retracted
    family_of(session, "P-00031").members          # roles, statuses, parents, records
    family_figures(session, Definitions(missing_counts=True))["families_wiped_out"]["count"]
"""

from toll.families.figures import Definitions, family_figures
from toll.families.households import Family, read_families
from toll.families.relations import FamilyView, family_of, relate, unrelate

__all__ = [
    "Definitions",
    "Family",
    "FamilyView",
    "family_figures",
    "family_of",
    "read_families",
    "relate",
    "unrelate",
]
