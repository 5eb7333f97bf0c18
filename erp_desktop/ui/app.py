"""The QApplication: names, the shipped CJK font as a fallback, translations; screenshots."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QLibraryInfo, QLocale, QThreadPool, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from erp_desktop.paths import resources_dir

log = logging.getLogger(__name__)

ORGANIZATION = "erp-desktop"
APPLICATION = "erp-desktop"
LANGUAGES = ("zh_CN", "en")
CJK_FONT_FILE = "wqy-microhei.ttc"
CJK_FAMILY = "WenQuanYi Micro Hei"
# families widgets commonly ask for: if one lacks Chinese glyphs, the shipped font stands in
_SUBSTITUTED = ("Sans Serif", "sans-serif", "Helvetica", "Arial", "Segoe UI", "DejaVu Sans", "Liberation Sans",
                "Noto Sans", "Cantarell", "Ubuntu", "Monospace", "DejaVu Sans Mono", ".AppleSystemUIFont")

_translators: list[QTranslator] = []


def create_application(argv: Sequence[str], lang: str | None) -> QApplication:
    """The one QApplication (reused if it exists, as under pytest-qt), set up for `lang` ("zh_CN", "en"
    or None: the system locale)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("erp-desktop")
    install_cjk_font(app)
    install_translations(app, lang)
    return app


def install_cjk_font(app: QApplication) -> str | None:
    """Register the shipped WenQuanYi Micro Hei and make it the fallback of the UI font, so Chinese
    renders even where the system has no CJK font.  Returns the family, or None if it is missing."""
    path = resources_dir() / "fonts" / CJK_FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("cannot load the CJK font %s: Chinese may show as boxes", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = CJK_FAMILY if CJK_FAMILY in families else families[0]
    font = app.font()
    chain = [f for f in (font.families() or [font.family()]) if f]
    if family not in chain:
        font.setFamilies([*chain, family])
        app.setFont(font)
    for name in {*chain, *_SUBSTITUTED}:
        if name != family and family not in QFont.substitutes(name):
            QFont.insertSubstitution(name, family)
    return family


def resolve_language(lang: str | None) -> str:
    if lang in LANGUAGES:
        return lang
    if lang:
        return "zh_CN" if lang.lower().startswith("zh") else "en"
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translations(app: QApplication, lang: str | None) -> str:
    """Our strings and Qt's own (dialog buttons ...) in `lang`; numbers and dates follow it too."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    language = resolve_language(lang)
    if lang is not None:
        QLocale.setDefault(QLocale(language))
    elif language == "en" and QLocale.system().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale("en_US"))
    if language != "en":
        ours = resources_dir() / "translations" / f"erp_desktop_{language}.qm"
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((f"qtbase_{language}", qt_dir), (ours.stem, str(ours.parent))):
            t = QTranslator(app)
            if t.load(name, directory):
                app.installTranslator(t)
                _translators.append(t)
            else:
                log.warning("no translation %s in %s", name, directory)
    app.setProperty("erp_language", language)
    return language


def show_startup_error(text: str) -> None:
    """Why the client cannot start, before any window exists."""
    QMessageBox.critical(None, QCoreApplication.translate("app", "erp-desktop cannot start"), text)


def wait_until_loaded(widget: QWidget, timeout: float = 10.0) -> bool:
    """Process events until every lazy list in the window has its first page (and counts came back).

    A lazy model says so with a `loaded` attribute (SkuTableModel and the other docks' models)."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        models = [m for m in widget.findChildren(QAbstractItemModel) if hasattr(m, "loaded")]
        if models and all(m.loaded for m in models):
            break
        time.sleep(0.01)
    else:
        return False
    # background jobs (counts) report back through the event loop
    pool = QThreadPool.globalInstance()
    pool.waitForDone(int(max(deadline - time.monotonic(), 0) * 1000))
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)
    return True


def screenshot(widget: QWidget, path: str | Path) -> Path:
    """Render the window (offscreen works) to a PNG once its data has loaded."""
    if not widget.isVisible():
        widget.show()
    if not wait_until_loaded(widget):
        log.warning("screenshot: the data did not load in time")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(target), "PNG"):
        raise OSError(f"cannot write the screenshot {target}")
    return target
