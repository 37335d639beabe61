"""The Debian packages the tests and `pdf` need: Chromium for the browser tests and the PDFs,
DejaVu fonts so PDFs look the same on every machine, poppler-utils for PDF checks, hunspell
with each language's dictionary (macros/languages.yml) for spelling. Installed with apt-get when missing (CI and a fresh machine run as root); otherwise the command to run is printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from macros.languages import LANGUAGES

# package -> a file that shows it is installed
TEST_PACKAGES = {
    "chromium": Path("/usr/bin/chromium"),
    "poppler-utils": Path("/usr/bin/pdftoppm"),
    "hunspell": Path("/usr/bin/hunspell"),
    **{language.package: Path(f"/usr/share/hunspell/{language.hunspell}.dic")
       for language in LANGUAGES},
    "fonts-dejavu-core": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    # runs the self-assessment's JavaScript (scoring, answer codes) in the unit tests
    "nodejs": Path("/usr/bin/node"),
}


def missing_packages() -> list[str]:
    return [name for name, marker in TEST_PACKAGES.items() if not marker.exists()]


def ensure_test_packages() -> None:
    ensure_packages(list(TEST_PACKAGES))


def ensure_packages(names: list[str]) -> None:
    """Install the named packages (keys of TEST_PACKAGES) with apt-get when they are missing."""
    missing = [name for name in missing_packages() if name in names]
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("The tests need these Debian packages: " + " ".join(missing)
                 + "\nInstall them with: sudo apt-get update && sudo " + " ".join(command))
    print("Installing Debian packages for the tests: " + " ".join(missing), file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*command, "-qq"], check=True, env=env)
