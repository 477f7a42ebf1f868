"""requirements.lock agrees with pyproject.toml, so `make venv` installs what pyproject.toml says.

After editing the dependencies in pyproject.toml, `make lock` regenerates the lock; these tests
fail until it has been run.
"""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT_NAME = "kompetenshandboken"


def _top_level_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]] + [
        Requirement(line) for line in project["optional-dependencies"]["dev"]
    ]


def _lock() -> tuple[dict[str, str], dict[str, list[str]], set[str]]:
    """Versions and hashes by canonical name, and the names pyproject.toml asks for directly."""
    versions: dict[str, str] = {}
    hashes: dict[str, list[str]] = {}
    direct: set[str] = set()
    current = ""
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        pin = re.match(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", line)
        if pin:
            current = canonicalize_name(pin.group(1))
            assert current not in versions, f"{current} is pinned twice"
            versions[current] = pin.group(2)
            hashes[current] = []
        elif current and (found := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            hashes[current].append(found.group(1))
        elif current and f"{PROJECT_NAME} (pyproject.toml)" in line:
            direct.add(current)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"unexpected line in requirements.lock: {line!r}")
    return versions, hashes, direct


def test_lock_pins_every_top_level_requirement_at_the_pyproject_version():
    versions, _, _ = _lock()
    mismatched = {}
    for requirement in _top_level_requirements():
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", (
            f"{requirement} in pyproject.toml is not pinned with =="
        )
        name = canonicalize_name(requirement.name)
        if versions.get(name) != specifiers[0].version:
            mismatched[name] = (specifiers[0].version, versions.get(name))
    assert mismatched == {}, f"pyproject.toml vs requirements.lock; run make lock: {mismatched}"


def test_lock_lists_as_direct_exactly_the_pyproject_requirements():
    _, _, direct = _lock()
    expected = {canonicalize_name(requirement.name) for requirement in _top_level_requirements()}
    assert direct == expected, "requirements.lock is out of date; run make lock"


def test_lock_has_sha256_hashes_for_every_package():
    versions, hashes, _ = _lock()
    assert len(versions) > len(_top_level_requirements())
    assert [name for name, found in hashes.items() if not found] == []


def test_lock_names_no_local_index():
    text = (ROOT / "requirements.lock").read_text()
    assert "--index-url" not in text
    assert "--extra-index-url" not in text
    assert "--find-links" not in text
    assert "file://" not in text
