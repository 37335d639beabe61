"""`handbook.py offline`: the whole handbook, every language, as a zip that opens from a folder
or a USB stick (file://) with search working and nothing loaded from another host. Used by
handbook.py; not run on its own. How: macros/offline_copy.py."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from site_build import build_site

from macros.messages import message
from macros.offline_copy import make_offline_copy, write_zip

FOLDER = "velfungerende-ledergruppe"


def build_offline_zip(out: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="handbook-offline-"))
    try:
        site_dir = work / FOLDER
        status = build_site(site_dir, env={"HANDBOOK_OFFLINE": "true"})
        if status:
            return status
        make_offline_copy(site_dir)
        count = write_zip(site_dir, out, FOLDER)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(message("offline.done", zip=out, files=count, size=round(out.stat().st_size / 1e6, 1),
                  start=f"{FOLDER}/index.html"))
    return 0
