"""Pinyin initials of Chinese names, for search: 蓝牙耳机 -> "lyej"."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def initials(name: str) -> str:
    """Lower-case initials of the Chinese characters; other letters and digits are kept as they are."""
    out = []
    for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s)):
        for ch in part:
            if ch.isascii() and ch.isalnum():
                out.append(ch.lower())
    return "".join(out)
