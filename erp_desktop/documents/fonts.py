"""The CJK font every PDF embeds: WenQuanYi Micro Hei, shipped in resources/fonts.

reportlab embeds (a subset of) a TrueType-outline font; its built-in STSong-Light is not
embedded and CFF-outline fonts (Noto Sans CJK) cannot be used at all (DEVICES.md §5)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from erp_desktop import paths

CJK_FONT = "WQYMicroHei"
_lock = threading.Lock()


def cjk_font_path() -> Path:
    return paths.resources_dir() / "fonts" / "wqy-microhei.ttc"


def register_cjk_font(path: Path | None = None) -> str:
    """Register the font once per process (thread-safe); returns its reportlab name."""
    with _lock:
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(CJK_FONT, str(path or cjk_font_path()), subfontIndex=0))
            # one face only: bold and italic paragraphs use it too instead of falling back to Helvetica
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(CJK_FONT, bold, italic, CJK_FONT)
    return CJK_FONT
