"""Qt's own file dialog speaks the interface language only (no "Look in:" beside "体积")."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _dialog_texts(dialog: QFileDialog) -> list[str]:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() or button.toolTip() for button in dialog.findChildren(QAbstractButton)]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        root = view.rootIndex()
        texts += [str(model.index(row, 2, root).data()) for row in range(model.rowCount(root))]  # 类型
    return [text for text in texts if text and text != "None"]


def test_file_dialog_in_one_language(interface_language: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "子文件夹").mkdir()
    dialog = QFileDialog(None, "x", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(
        lambda: any(v.model().rowCount(v.rootIndex()) for v in dialog.findChildren(QTreeView)), timeout=20_000
    )
    texts = _dialog_texts(dialog)
    if interface_language == "en":
        assert [t for t in texts if HAN.search(t) and t != "子文件夹"] == []
        assert "&Look in:" in texts
    else:
        english = [t for t in texts if LATIN_WORD.search(t.replace("&", "")) and t != "x"]
        assert english == []
        assert "查找范围(&L)：" in texts and "文件夹" in texts and "大小" in texts
