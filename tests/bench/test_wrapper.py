"""The engine is a replaceable part: `prepare()`, a plain engine build without the edition's hook,
and `finish_folder()` give the site the hook's build gives, byte for byte (one real engine build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from session import CONTACT, PUBLISHED_URL, Built

from tools.publish.compare import differences

# The sitemap lists the pages in the order the engine was given them: the hook appends the prepared
# pages to the engine's files, the wrapper hands it a folder.
ORDER_ONLY = {"sitemap.xml", "sitemap.xml.gz"}


def test_a_build_without_the_hook_gives_the_same_site(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "wrapped"
    env = {**os.environ, "EDITION_SITE_URL": PUBLISHED_URL, "EDITION_CONTACT": CONTACT, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.wrapper", str(out)],
        cwd=built.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = [line for line in differences(built.site, out) if line.split(":")[0] not in ORDER_ONLY]
    assert found == []
