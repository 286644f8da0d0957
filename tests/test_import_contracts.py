"""The import contracts in pyproject.toml hold, and `lint-imports` fails when one is broken.

.ci/run runs `lint-imports` after ruff; these tests show it would catch a stage importing a later
stage or a shell, and a pure core importing the store or the model.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed (pip install -e '.[test]')"
)


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on the package under `root`/src with the project's contracts."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(REPO / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        timeout=300,
    )


def test_the_package_keeps_every_contract():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_bad_import_breaks_the_contract_it_crosses(tmp_path):
    shutil.copytree(REPO / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    package = tmp_path / "src" / "toll"
    bad = {  # module -> an import it must not make
        "claims/numbers.py": "import toll.model",  # a pure core reaching for the model
        "sources/text.py": "import toll.persons.lookup",  # a stage reaching for a later one
        "records/values.py": "import toll.cli.output",  # a stage reaching for the shell
    }
    for module, line in bad.items():
        path = package / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "toll.claims.numbers -> toll.model" in result.stdout
    assert "toll.sources.text -> toll.persons.lookup" in result.stdout
    assert "toll.records.values -> toll.cli.output" in result.stdout
    assert "Contracts: 1 kept, 2 broken." in result.stdout


def test_every_module_of_a_pure_core_is_named_or_is_its_store_adapter():
    """A new module in toll.claims or toll.estimates must be named in the pure-cores contract
    (and then may not touch the store), or be the stage's store adapter."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}
    named = set(contracts["pure-cores"]["source_modules"])
    adapters = {"store"}
    for package in ("claims", "estimates"):
        for path in sorted((REPO / "src" / "toll" / package).glob("*.py")):
            module = f"toll.{package}.{path.stem}"
            if path.stem == "__init__" or path.stem in adapters:
                continue
            assert module in named, (
                f"{module} is neither named in pyproject's pure-cores contract nor a store "
                "adapter (<stage>/store.py)"
            )
