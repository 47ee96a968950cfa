#!/usr/bin/env python3
"""Build and check the interface translations (resources/i18n).

    python packaging/build_translations.py            # compile .ts -> .qm (install/test commands)
    python packaging/build_translations.py update     # rescan the code with pyside6-lupdate
    python packaging/build_translations.py check      # fail on unfinished or missing strings
    python packaging/build_translations.py todo en    # unfinished strings as JSON, for translating
    python packaging/build_translations.py apply en FILE.json   # fill translations from JSON

Source strings in the code are Simplified Chinese, so ``cadre_desk_zh_CN.ts`` is the
identity (filled automatically by ``update``) and ``cadre_desk_en.ts`` holds the English.
Strings that live outside ``tr()`` calls because their modules must not import Qt (setting
labels in ``services.settings.DECLARED``, the account catalogue) are listed in a generated
source file so lupdate sees them under the contexts the UI translates them with. Texts that
services, sources and the domain *make* (fetch errors, schedules, burden-rule reasons and
clauses, finding evidence) are listed as templates of SERVICE_TEXT_SOURCES under the context
"ServiceText" and in ``cadre_desk/ui/service_text_templates.py`` (written by ``update``,
verified by ``check``); ``cadre_desk.ui.service_text`` translates a shown text through them.
A ``tr()`` inside an f-string is reported by ``check``: lupdate cannot see it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "zh_CN"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\d|%n")


def ts_file(language: str, folder: Path = I18N) -> Path:
    return folder / f"cadre_desk_{language}.ts"


def qt_tool(name: str) -> str:
    beside = Path(sys.executable).parent / (name + (".exe" if sys.platform == "win32" else ""))
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 into this interpreter's environment")
    return found


def data_strings() -> dict[str, list[str]]:
    """Strings translated at run time with a context but no literal tr() call."""
    sys.path.insert(0, str(ROOT))
    from cadre_desk.services.catalogue import CATALOGUE
    from cadre_desk.services.settings import DECLARED

    specs: list[str] = []
    for spec in DECLARED:
        specs += [spec.label, spec.description]
    catalogue = [entry.kind_label for entry in CATALOGUE]
    found = {"SettingSpec": _unique(specs), "Catalogue": _unique(catalogue)}
    found["ServiceText"] = service_templates()
    for context, texts in helper_strings().items():
        found[context] = _unique(found.get(context, []) + texts)
    return found


# Modules below ui/ (no Qt there) whose Chinese texts reach the screen: fetch errors, schedule
# descriptions, burden-rule reasons and clauses. Their literals and f-strings become templates
# ("找不到服务器 {0}（域名无法解析）") that cadre_desk/ui/service_text.py matches a shown text
# against and translates whole; the list is generated into SERVICE_TEXT_MODULE by ``update``.
SERVICE_TEXT_SOURCES = (
    "cadre_desk/sources/errors.py",
    "cadre_desk/sources/http.py",
    "cadre_desk/sources/feeds.py",
    "cadre_desk/sources/charset.py",
    "cadre_desk/sources/imap.py",
    "cadre_desk/sources/webpage.py",
    "cadre_desk/sources/opml.py",
    "cadre_desk/sources/bridges.py",
    "cadre_desk/sources/capture.py",
    "cadre_desk/domain/recurrence.py",
    "cadre_desk/domain/burden_rules.py",
    "cadre_desk/services/burden.py",
    "cadre_desk/services/analysis/detectors.py",
    "cadre_desk/services/analysis/findings.py",
    "cadre_desk/services/analysis/accounts.py",
)
SERVICE_TEXT_MODULE = ROOT / "cadre_desk" / "ui" / "service_text_templates.py"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # characters and punctuation
_PATTERN_CALLS = {"_find", "compile", "search", "fullmatch", "match", "sub", "findall", "split"}


def service_templates(root: Path = ROOT) -> list[str]:
    """Chinese literals and f-strings (as templates with {0}, {1}…) of SERVICE_TEXT_SOURCES,
    without docstrings and regular expressions."""
    import ast

    found: list[str] = []
    for relative in SERVICE_TEXT_SOURCES:
        tree = ast.parse((root / relative).read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                skip.add(id(body[0].value))  # docstring
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
                if name in _PATTERN_CALLS:
                    skip.update(id(arg) for arg in node.args[:1])
            if isinstance(node, ast.JoinedStr):
                skip.update(id(value) for value in node.values)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr):
                parts, number = [], 0
                for value in node.values:
                    if isinstance(value, ast.Constant):
                        parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
                    else:
                        parts.append(f"{{{number}}}")
                        number += 1
                text = "".join(parts)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.replace("{", "{{").replace("}", "}}")
            else:
                continue
            # Chinese words; or fields joined by Chinese punctuation ("{0}《{1}》{2}")
            if _HAN.search(text) or (re.search(r"\{\d+\}", text) and _CHINESE.search(text)):
                found.append(text)
    return sorted(set(found))


def service_text_module(root: Path = ROOT) -> str:
    lines = [
        '"""Generated by packaging/build_translations.py update: do not edit.',
        "",
        "Templates of the Chinese texts made below ui/ (see SERVICE_TEXT_SOURCES there); the UI",
        'translates them under the context "ServiceText" (cadre_desk/ui/service_text.py).',
        '"""',
        "",
        "TEMPLATES: tuple[str, ...] = (",
        *[f"    {json.dumps(text, ensure_ascii=False)}," for text in service_templates(root)],
        ")",
    ]
    return "\n".join(lines) + "\n"


_HELPER = re.compile(
    r"""def (\w+)\(text: str\) -> str:\s*\n\s*return QCoreApplication\.translate\(["'](\w+)["'], text\)"""
)


def helper_strings(package: Path = ROOT / "cadre_desk") -> dict[str, list[str]]:
    """Literals passed to a module's one-line translate helper (``def _tr(text): return
    QCoreApplication.translate("Ctx", text)``): lupdate cannot see through the helper."""
    import ast

    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for helper, context in _HELPER.findall(text):
            call = re.compile(
                r"(?<![\w.])" + re.escape(helper) + r"""\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
            )
            for literal in call.findall(text):
                found.setdefault(context, []).append(ast.literal_eval(literal))
    return found


def noop_contexts(package: Path = ROOT / "cadre_desk") -> set[str]:
    pattern = re.compile(r"""QT_TRANSLATE_NOOP\(\s*["'](\w+)["']""")
    return {m for path in package.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text))


def _write_data_source(folder: Path) -> Path:
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for context, texts in data_strings().items():
        for text in texts:
            lines.append(f"QCoreApplication.translate({context!r}, {text!r})")
    path = folder / "declared_strings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def lupdate(targets: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        extra = _write_data_source(Path(temp))
        for target in targets:
            language = target.stem.removeprefix("cadre_desk_")
            subprocess.run(
                [
                    qt_tool("pyside6-lupdate"),
                    "-silent",
                    "-extensions",
                    "py",
                    "-locations",
                    "none",
                    "-no-obsolete",
                    "-source-language",
                    SOURCE_LANGUAGE,
                    "-target-language",
                    language,
                    str(ROOT / "cadre_desk"),
                    str(extra),
                    "-ts",
                    str(target),
                ],
                check=True,
            )


def messages(path: Path) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(path)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message))
    return found


def _rewrite(path: Path, fill: dict[tuple[str, str], str] | None, identity: bool) -> int:
    tree = ET.parse(path)
    changed = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            text = source if identity else (fill or {}).get((name, source))
            if text:
                translation.text = text
                del translation.attrib["type"]
                changed += 1
    if changed:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        path.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
        )
    return changed


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    SERVICE_TEXT_MODULE.write_text(service_text_module(), encoding="utf-8")
    targets = [ts_file(language) for language in LANGUAGES]
    lupdate(targets)
    filled = _rewrite(ts_file(SOURCE_LANGUAGE), None, identity=True)
    lupdate(targets)  # normalise the formatting after our edit
    print(f"updated {', '.join(t.name for t in targets)}; {filled} zh_CN entries filled")


def problems(folder: Path = I18N) -> list[str]:
    """Unfinished entries, strings in the code missing from the .ts, broken placeholders."""
    found: list[str] = untranslatable_calls() if folder == I18N else []
    generated = SERVICE_TEXT_MODULE.read_text(encoding="utf-8") if SERVICE_TEXT_MODULE.exists() else ""
    if folder == I18N and generated != service_text_module():
        found.append(f"{SERVICE_TEXT_MODULE.name}: out of date (run update)")
    with tempfile.TemporaryDirectory() as temp:
        copies = []
        for language in LANGUAGES:
            original = ts_file(language, folder)
            if not original.exists():
                found.append(f"{original.name}: missing")
                continue
            for context, message in messages(original):
                translation = message.find("translation")
                source = message.findtext("source") or ""
                if translation is not None and translation.get("type") == "unfinished":
                    found.append(f"{original.name}: unfinished [{context}] {source!r}")
                elif translation is not None and sorted(PLACEHOLDER.findall(source)) != sorted(
                    PLACEHOLDER.findall(translation.text or "")
                ):
                    found.append(f"{original.name}: placeholders differ [{context}] {source!r}")
            copy = Path(temp) / original.name
            shutil.copy(original, copy)
            copies.append(copy)
        lupdate(copies)
        for copy in copies:
            for context, message in messages(copy):
                translation = message.find("translation")
                if translation is not None and translation.get("type") == "unfinished":
                    source = message.findtext("source") or ""
                    problem = f"{copy.name}: not translated yet (run update) [{context}] {source!r}"
                    if problem.replace("not translated yet (run update)", "unfinished") not in found:
                        found.append(problem)
    return found


# Calls lupdate cannot extract, or extracts under a context Qt will not look up at run time.
_DYNAMIC_TRANSLATE = re.compile(r"""translate\(\s*["'](\w+)["']\s*,(?!\s*["'])\s*([^)]*)""")
_FOREIGN_TR = re.compile(r"""\b(?!self\b)(\w+)\.tr\(""")
DYNAMIC_CONTEXTS = {"SettingSpec", "Catalogue"}  # listed by data_strings()


def untranslatable_calls(package: Path = ROOT / "cadre_desk") -> list[str]:
    """``translate("Ctx", variable)`` with a context whose strings no one lists, and
    ``window.tr("…")``: lupdate files that under the variable's name ("window") while Qt looks
    it up under the object's class, so the translation never shows."""
    found = []
    allowed = DYNAMIC_CONTEXTS | set(helper_strings(package)) | noop_contexts(package)
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            where = f"{path.relative_to(ROOT)}:{number}"
            for match in _DYNAMIC_TRANSLATE.finditer(line):
                if match.group(1) not in allowed:
                    found.append(
                        f"{where}: translate({match.group(1)!r}, {match.group(2).strip()}) is not extractable"
                    )
            for match in _FOREIGN_TR.finditer(line):
                if match.group(1) not in {"QObject", "QCoreApplication", "super"}:
                    found.append(
                        f"{where}: {match.group(1)}.tr(): wrong context, use QCoreApplication.translate"
                    )
        found += [f"{path.relative_to(ROOT)}:{number}: {call}" for number, call in _calls_in_fstrings(text)]
    return found


def _calls_in_fstrings(text: str) -> list[tuple[int, str]]:
    """tr()/translate() inside an f-string: lupdate does not look there, the text stays Chinese."""
    import ast

    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            name = getattr(getattr(inner, "func", None), "attr", None) or getattr(
                getattr(inner, "func", None), "id", ""
            )
            if isinstance(inner, ast.Call) and name in {"tr", "translate"}:
                found.append(
                    (inner.lineno, f"{name}() inside an f-string is not extractable: call it before")
                )
    return found


def release() -> list[Path]:
    built = []
    for language in LANGUAGES:
        source = ts_file(language)
        target = source.with_suffix(".qm")
        # Built beside and renamed into place: a running app or a parallel test worker reading
        # the .qm never sees a half-written file.
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(partial)], check=True)
        os.replace(partial, target)
        built.append(target)
    print("built " + ", ".join(path.name for path in built))
    return built


def todo(language: str) -> dict[str, dict[str, str]]:
    pending: dict[str, dict[str, str]] = {}
    for context, message in messages(ts_file(language)):
        translation = message.find("translation")
        if translation is not None and translation.get("type") == "unfinished":
            pending.setdefault(context, {})[message.findtext("source") or ""] = ""
    return pending


def apply(language: str, mapping_file: Path) -> int:
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    fill = {(context, source): text for context, pairs in mapping.items() for source, text in pairs.items()}
    changed = _rewrite(ts_file(language), fill, identity=False)
    lupdate([ts_file(language)])
    return changed


def main(argv: list[str]) -> int:
    command = (argv[0] if argv else "release").removeprefix("--")  # "--release" == "release"
    if command == "release":
        release()
    elif command == "update":
        update()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} translation problem(s)")
        return 1 if found else 0
    elif command == "todo":
        print(json.dumps(todo(argv[1]), ensure_ascii=False, indent=1))
    elif command == "apply":
        print(f"{apply(argv[1], Path(argv[2]))} entries translated")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
