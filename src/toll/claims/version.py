"""Which extractor made a figure: `extractor_version()`, recorded on every stored claim.

The version names the code and the words it knows by their content: the package version, a
hash of the extraction modules and data files, the shipped link model (linking.py) among them
(`rules.<8 hex>`), and, when the learned category
model takes part, a hash of that model (`model.<8 hex>`). Two claims with the same version were
extracted by the same rules and model, so older claims can be found and extracted again.
"""

import hashlib
from functools import cache
from pathlib import Path

from toll import __version__

HERE = Path(__file__).resolve().parent
# The modules whose code decides what a text yields (not the store, checks or scoring).
RULE_MODULES = ("attribution", "classifier", "extract", "figure", "incident", "language", "linking",
                "nesting", "numbers", "sentences", "subject")
LINK_MODEL = HERE / "data" / "model" / "links.json"


@cache
def rules_hash() -> str:
    """8 hex digits of SHA-256 over the extraction modules and every data file."""
    digest = hashlib.sha256()
    files = [HERE / f"{name}.py" for name in RULE_MODULES]
    files += sorted((HERE / "data").rglob("*.yaml")) + [p for p in (LINK_MODEL,) if p.exists()]
    for path in files:
        digest.update(path.relative_to(HERE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def extractor_version(model_hash: str | None = None) -> str:
    """ "0.1.0+rules.1a2b3c4d" or, with a category model, "0.1.0+rules.1a2b3c4d.model.5e6f7a8b"."""
    version = f"{__version__}+rules.{rules_hash()}"
    return f"{version}.model.{model_hash}" if model_hash else version


def current_version(learned: bool | None = None) -> str:
    """The version of what `extract_figures(..., learned=learned)` runs now."""
    from toll.claims import classifier

    if learned is None:
        learned = classifier.ON_BY_DEFAULT
    model = classifier.load_model() if learned else None
    return extractor_version(model.digest if model else None)
