"""The Noto fonts a PDF copy falls back on for what DejaVu Sans lacks (docs/minutes.md).

They come from two pinned PyPI packages in requirements.txt, so `make setup` installs them
with everything else and nothing is downloaded when a copy is made: manimgx-fonts (Noto Sans
for Arabic, the Indic scripts, Ethiopic and more; Noto Sans; Noto Sans Symbols; Noto Emoji,
monochrome) and noto-cjk-sans-otc (Noto Sans CJK). Both are under the SIL Open Font License
1.1, which allows embedding; the licence is in each package's dist-info. fpdf2 embeds only
the glyphs a copy uses, so a Chinese name costs a few kilobytes, not the 19 MB collection.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

NOTO = "manimgx_fonts"
CJK = "noto_cjk_sans_otc"
CJK_FILE = "NotoSansCJK-Regular.ttc"
CJK_SC = 2  # the collection's faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (then the Mono ones)

# in the order they are asked for a character DejaVu Sans lacks; the first that has it wins
CHAIN: tuple[tuple[str, str, str, int], ...] = (
    ("notoarabic", NOTO, "NotoSansArabic[wght].ttf", 0),  # Arabic, Urdu, Sorani, Persian
    ("notobengali", NOTO, "NotoSansBengali[wght].ttf", 0),
    ("notodevanagari", NOTO, "NotoSansDevanagari[wght].ttf", 0),
    ("notogurmukhi", NOTO, "NotoSansGurmukhi[wght].ttf", 0),
    ("notogujarati", NOTO, "NotoSansGujarati[wght].ttf", 0),
    ("nototamil", NOTO, "NotoSansTamil[wght].ttf", 0),
    ("notoethiopic", NOTO, "NotoSansEthiopic[wght].ttf", 0),
    ("notooriya", NOTO, "NotoSansOriya[wght].ttf", 0),
    ("nototelugu", NOTO, "NotoSansTelugu[wght].ttf", 0),
    ("notokannada", NOTO, "NotoSansKannada[wght].ttf", 0),
    ("notomalayalam", NOTO, "NotoSansMalayalam[wght].ttf", 0),
    ("notosinhala", NOTO, "NotoSansSinhala[wght].ttf", 0),
    ("notothai", NOTO, "NotoSansThai[wght].ttf", 0),
    ("notolao", NOTO, "NotoSansLao[wght].ttf", 0),
    ("notokhmer", NOTO, "NotoSansKhmer[wght].ttf", 0),
    ("notomyanmar", NOTO, "NotoSansMyanmar[wght].ttf", 0),
    ("notohebrew", NOTO, "NotoSansHebrew[wght].ttf", 0),
    ("notoarmenian", NOTO, "NotoSansArmenian[wght].ttf", 0),
    ("notogeorgian", NOTO, "NotoSansGeorgian[wght].ttf", 0),
    ("notosans", NOTO, "NotoSans[wght].ttf", 0),  # Latin, Greek, Cyrillic beyond DejaVu
    ("notocjk", CJK, CJK_FILE, CJK_SC),  # Chinese (simplified and traditional), kana, hangul
    ("notosymbols", NOTO, "NotoSansSymbols[wght].ttf", 0),
    ("notoemoji", NOTO, "NotoEmoji[wght].ttf", 0),  # monochrome: emoji print as text
)


@dataclass(frozen=True)
class Fallback:
    key: str  # the fpdf2 font key
    path: Path
    index: int  # the face in a collection


def _path(package: str, file: str) -> Path | None:
    try:
        found = Path(str(resources.files(package).joinpath(file)))
    except ModuleNotFoundError:
        return None
    return found if found.is_file() else None


@cache
def fallbacks() -> tuple[Fallback, ...]:
    """The chain's fonts that are installed (all of them after `make setup`)."""
    found = []
    for key, package, file, index in CHAIN:
        path = _path(package, file)
        if path is None:
            log.warning("font %s from %s is not installed: run make setup", file, package)
            continue
        found.append(Fallback(key, path, index))
    return tuple(found)


@cache
def _by_code() -> dict[int, Fallback]:
    """Each code point the chain draws, with the first font that draws it (read once a
    process: the cmaps only, about 0.2 s with the CJK collection)."""
    table: dict[int, Fallback] = {}
    for font in reversed(fallbacks()):
        face = TTFont(font.path, lazy=True, fontNumber=font.index)
        table.update(dict.fromkeys(face.getBestCmap(), font))
        face.close()
    return table


def font_for(code: int) -> Fallback | None:
    return _by_code().get(code)
