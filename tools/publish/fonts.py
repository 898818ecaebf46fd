"""The font files the print edition embeds, found with fontconfig (`fc-list`), wherever the
system keeps them (Debian puts DejaVu in /usr/share/fonts/truetype/dejavu, Fedora in one folder
per family, Homebrew elsewhere again).

The PDF uses two families, a serif for the text and a sans for the apparatus, each in regular,
bold, italic and bold italic, and each with Cyrillic (Orlov's Russian wording in the footnotes).
DejaVu first (Debian's fonts-dejavu-core and fonts-dejavu-extra, .ci/install-system-deps), else
another family fontconfig knows whose licence allows embedding. No family complete: one line
that says what to install.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .bookpages import ExportFailed

# The CSS family the stylesheet names (pdf.css), then the installed families that may stand for
# it, best first. All of them are free fonts that may be embedded.
FAMILIES = (
    ("Edition Serif", ("DejaVu Serif", "Liberation Serif", "Noto Serif")),
    ("Edition Sans", ("DejaVu Sans", "Liberation Sans", "Noto Sans")),
)
# fontconfig's scale: weight 80 regular, 200 bold; slant 0 roman, 100 italic, 110 oblique;
# width 100 normal (DejaVu's condensed faces share its family name, at width 87).
WEIGHTS = {"normal": 80, "bold": 200}
SLANTS = {"normal": (0,), "italic": (100, 110)}
NORMAL_WIDTH = 100
STYLES = (("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic"))
EMBEDDABLE = (".ttf", ".otf")  # outline fonts WeasyPrint embeds (not bitmap or Type 1)
LISTING = "%{weight}\\t%{slant}\\t%{width}\\t%{file}\\n"
INSTALL = "install Debian's fontconfig, fonts-dejavu-core and fonts-dejavu-extra (bash .ci/install-system-deps)"


@dataclass(frozen=True)
class Face:
    family: str  # the CSS family: "Edition Serif"
    weight: str  # "normal" or "bold"
    style: str  # "normal" or "italic"
    file: Path
    source: str  # the installed family: "DejaVu Serif"


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:  # a variable font gives a range such as "[0 210]"
        return None


def faces_of(family: str, css_family: str, listing: str) -> tuple[Face, ...] | None:
    """The four faces of `family` in `listing` (fc-list's output in the LISTING format), or
    None if one is missing."""
    found: dict[tuple[str, str], Path] = {}
    for line in listing.splitlines():
        parts = line.split("\t", 3)
        if len(parts) != 4:
            continue
        weight, slant, width, file = parts
        if not file.lower().endswith(EMBEDDABLE) or _number(width) != NORMAL_WIDTH:
            continue
        for style in STYLES:
            if _number(weight) == WEIGHTS[style[0]] and _number(slant) in SLANTS[style[1]]:
                # The first slant listed wins: an italic before an oblique of the same weight.
                if style not in found or _number(slant) == SLANTS[style[1]][0]:
                    found[style] = Path(file)
    if len(found) < len(STYLES):
        return None
    return tuple(Face(css_family, weight, style, found[(weight, style)], family) for weight, style in STYLES)


def fc_list(family: str) -> str:
    """fc-list's faces of `family` that cover Russian, in the LISTING format."""
    program = shutil.which("fc-list")
    if program is None:
        raise ExportFailed(f"fc-list not found: the print edition finds its fonts with fontconfig; {INSTALL}")
    done = subprocess.run(
        [program, "--format", LISTING, f"{family}:lang=ru"], capture_output=True, text=True, timeout=60
    )
    return done.stdout if done.returncode == 0 else ""


@functools.cache
def find_faces() -> tuple[Face, ...]:
    """Every face the print edition embeds: for each CSS family, the four faces of the first
    installed family that has them all (ExportFailed, one line, if none has)."""
    faces: list[Face] = []
    for css_family, candidates in FAMILIES:
        chosen = next((f for f in (faces_of(c, css_family, fc_list(c)) for c in candidates) if f), None)
        if chosen is None:
            raise ExportFailed(
                f"no font for the print edition's {css_family}: fontconfig finds none of {', '.join(candidates)} "
                f"in regular, bold, italic and bold italic with Cyrillic; {INSTALL}"
            )
        faces.extend(chosen)
    return tuple(faces)
