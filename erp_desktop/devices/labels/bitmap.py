"""Text and whole labels as 1-bit images (Pillow), for printers that have no Chinese font and for
the preview.

The font is the WenQuanYi Micro Hei TrueType collection the PDFs embed (resources/fonts, the file
documents/fonts.py cjk_font_path() names; devices/ does not import documents/).  A text bitmap is
drawn without anti-aliasing straight into a 1-bit image, so what the printer gets is exactly the
dots of the glyphs; `render_image` draws a whole label plan the same way for a PNG preview."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from erp_desktop import paths
from erp_desktop.devices.labels.layout import Bar, Barcode, LabelPlan, Text, code128_modules

_INVERT = bytes(255 - i for i in range(256))


@dataclass(frozen=True)
class Bitmap:
    """`height` rows of `row_bytes` bytes, the leftmost dot in the highest bit, 1 = a printed dot."""
    width: int
    height: int
    data: bytes

    @property
    def row_bytes(self) -> int:
        return (self.width + 7) // 8

    def inverted(self) -> bytes:
        """The rows with 0 = printed (TSPL's BITMAP); the padding bits at a row's end become white."""
        return self.data.translate(_INVERT)


def default_font_path() -> Path:
    return paths.resources_dir() / "fonts" / "wqy-microhei.ttc"


@lru_cache(maxsize=128)
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px, index=0)


def font_for_height(height: int, font_path: Path | str | None = None) -> ImageFont.FreeTypeFont:
    """The font at size `height` (a CJK character `height` dots square, as a printer's ^A@ draws it)."""
    return _font(str(font_path or default_font_path()), max(1, height))


@lru_cache(maxsize=512)
def text_bitmap(text: str, height: int, font_path: Path | str | None = None) -> Bitmap:
    """One line of text at font size `height`, as wide as it draws and as high as the font's line
    (ascent + descent, about 1.2 x `height`: the layout's line pitch).  Kept for the lines every
    label repeats (the sender, the carrier)."""
    font = font_for_height(height, font_path)
    ascent, descent = font.getmetrics()
    width = max(1, math.ceil(font.getlength(text)))
    img = Image.new("1", (width, ascent + descent), 0)
    ImageDraw.Draw(img).text((0, 0), text, font=font, fill=1)
    return Bitmap(width, ascent + descent, img.tobytes())


def render_image(plan: LabelPlan, font_path: Path | str | None = None) -> Image.Image:
    """The whole label as a 1-bit image at the plan's resolution (black on white)."""
    img = Image.new("1", (plan.width, plan.height), 1)
    draw = ImageDraw.Draw(img)
    for el in plan.elements:
        if isinstance(el, Bar):
            draw.rectangle((el.x, el.y, el.x + el.w - 1, el.y + el.h - 1), fill=0)
        elif isinstance(el, Text):
            draw.text((el.x, el.y), el.text, font=font_for_height(el.height, font_path), fill=0)
        elif isinstance(el, Barcode):
            x = el.x
            for m in code128_modules(el.data):
                if m == "1":
                    draw.rectangle((x, el.y, x + el.module - 1, el.y + el.height - 1), fill=0)
                x += el.module
    return img
