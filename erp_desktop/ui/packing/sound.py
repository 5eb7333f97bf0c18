"""The packing station's sounds: QSoundEffect when Qt Multimedia can load (it needs the system's
audio libraries, which a server or a minimal Linux may lack), else the system beep for errors.
Never fails: a station without speakers still packs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from erp_desktop.paths import resources_dir

log = logging.getLogger(__name__)
SOUNDS = {"error": "pack_error.wav", "ok": "pack_ok.wav", "done": "pack_done.wav"}


class Sounds(QObject):
    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.effects: dict[str, object] = {}
        self.played: list[str] = []            # what was played, newest last (kept short)
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except Exception as exc:                   # ImportError, or a missing libpulse / libasound
            log.info("no Qt Multimedia (%s): the station beeps instead", exc)
            return
        try:
            folder = resources_dir() / "sounds"
            for kind, name in SOUNDS.items():
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(folder / name)))
                effect.setVolume(1.0 if kind == "error" else 0.6)
                self.effects[kind] = effect
        except Exception:
            log.exception("the station's sounds cannot be loaded")
            self.effects = {}

    def play(self, kind: str) -> None:
        if not self.enabled:
            return
        self.played = [*self.played[-19:], kind]
        effect = self.effects.get(kind)
        try:
            if effect is not None:
                effect.play()
            elif kind == "error":
                QApplication.beep()
        except Exception:
            log.exception("cannot play the %s sound", kind)
