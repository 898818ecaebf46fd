"""tools/publish/fonts.py: the print edition's fonts found with fontconfig wherever the system
keeps them, DejaVu first, and one line naming the Debian packages when there are none; and a
WeasyPrint that cannot load its libraries is one line too (tools/publish/pdf.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.publish import fonts
from tools.publish.bookpages import ExportFailed as ExportError
from tools.publish.fonts import STYLES, faces_of, find_faces
from tools.publish.pdf import load_weasyprint

# fc-list's answer for DejaVu Serif on a system that keeps each family in a folder of its own:
# condensed faces (width 87) share the family name, and an oblique stands beside the italic.
SERIF = """\
80\t0\t87\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerifCondensed.ttf
80\t0\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif.ttf
200\t0\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif-Bold.ttf
80\t110\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif-Slanted.ttf
80\t100\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif-Italic.ttf
200\t110\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif-BoldOblique.ttf
40\t0\t100\t/usr/share/fonts/dejavu-serif-fonts/DejaVuSerif-ExtraLight.ttf
200\t0\t100\t/usr/share/fonts/X11/Type1/DejaVuSerif-Bold.pfb
[0 210]\t0\t100\t/usr/share/fonts/variable/Serif.ttf
"""


@pytest.fixture
def uncached() -> Iterator[None]:
    find_faces.cache_clear()
    yield
    find_faces.cache_clear()


def test_the_four_faces_of_a_family_wherever_they_are() -> None:
    faces = faces_of("DejaVu Serif", "Edition Serif", SERIF)
    assert faces is not None
    assert [(f.weight, f.style, f.file.name) for f in faces] == [
        ("normal", "normal", "DejaVuSerif.ttf"),
        ("bold", "normal", "DejaVuSerif-Bold.ttf"),
        ("normal", "italic", "DejaVuSerif-Italic.ttf"),  # the italic, not the oblique listed before it
        ("bold", "italic", "DejaVuSerif-BoldOblique.ttf"),  # an oblique when there is no italic
    ]
    assert {f.family for f in faces} == {"Edition Serif"} and {f.source for f in faces} == {"DejaVu Serif"}


def test_a_family_without_one_of_its_faces_is_not_chosen() -> None:
    without_bold_italic = "\n".join(line for line in SERIF.splitlines() if "BoldOblique" not in line)
    assert faces_of("DejaVu Serif", "Edition Serif", without_bold_italic) is None
    assert faces_of("DejaVu Serif", "Edition Serif", "") is None


def test_the_next_family_stands_in(monkeypatch: pytest.MonkeyPatch, uncached: None) -> None:
    liberation = SERIF.replace("dejavu-serif-fonts/DejaVuSerif", "liberation/LiberationSerif")
    listings = {"Liberation Serif": liberation, "DejaVu Sans": SERIF.replace("Serif", "Sans")}
    monkeypatch.setattr(fonts, "fc_list", lambda family: listings.get(family, ""))
    faces = find_faces()
    assert len(faces) == 2 * len(STYLES)
    assert {f.source for f in faces} == {"Liberation Serif", "DejaVu Sans"}


def test_no_font_is_one_line_naming_the_packages(monkeypatch: pytest.MonkeyPatch, uncached: None) -> None:
    monkeypatch.setattr(fonts, "fc_list", lambda family: "")
    with pytest.raises(ExportError) as error:
        find_faces()
    message = str(error.value)
    assert "\n" not in message and "fonts-dejavu-core" in message and "fonts-dejavu-extra" in message
    assert message.startswith("no font for the print edition's Edition Serif: fontconfig finds none of DejaVu Serif")


def test_no_fontconfig_is_one_line_naming_the_package(monkeypatch: pytest.MonkeyPatch, uncached: None) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(ExportError, match=r"^fc-list not found: .*install Debian's fontconfig") as error:
        find_faces()
    assert "\n" not in str(error.value)


def test_the_fonts_found_here_are_files(uncached: None) -> None:
    faces = find_faces()
    assert all(Path(f.file).is_file() and f.file.suffix in (".ttf", ".otf") for f in faces)


def test_weasyprint_without_its_libraries_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import fails as a missing library makes it
    with pytest.raises(ExportError) as error:
        load_weasyprint()
    message = str(error.value)
    assert "\n" not in message and "libpangoft2-1.0-0" in message and "libharfbuzz-subset0" in message
