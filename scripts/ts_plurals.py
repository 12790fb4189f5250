"""Keep the Dutch plural forms across ``pyside6-lupdate`` runs (used by scripts/translations),
and write the English plural forms (``english``).

pyside6-lupdate does not mark ``QCoreApplication.translate(context, "%n …", "", n)`` as a
plural message and then drops its second form. ``save`` remembers the plural forms before
lupdate runs; ``restore`` marks every message with ``%n`` as plural again and puts the
remembered forms back (new ones stay unfinished, so the translation test names them).

``english`` writes ``dorpsondersteuner_en.ts`` from the Dutch file's plural messages:
English is the source language, so it only needs its plural forms ("1 day" / "4 days",
never "day(s)"): a source's "(s)" is dropped for one and becomes "s" for more.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def english_forms(source: str) -> list[str]:
    one = source.replace("(s)", "").replace("%n days", "%n day")
    return [one, source.replace("(s)", "s")]


def write_english(dutch: str, english: str) -> None:
    root = ET.Element("TS", version="2.1", language="en_GB")
    for context in ET.parse(dutch).getroot().iter("context"):
        plural = [m for m in context.iter("message") if "%n" in (m.findtext("source") or "")]
        if not plural:
            continue
        out = ET.SubElement(root, "context")
        ET.SubElement(out, "name").text = context.findtext("name") or ""
        for message in plural:
            source = message.findtext("source") or ""
            entry = ET.SubElement(out, "message", numerus="yes")
            ET.SubElement(entry, "source").text = source
            translation = ET.SubElement(entry, "translation")
            for text in english_forms(source):
                ET.SubElement(translation, "numerusform").text = text
    tree = ET.ElementTree(root)
    ET.indent(tree, "    ")
    tree.write(english, encoding="utf-8", xml_declaration=True)


def main(action: str, ts: str, store: str) -> None:
    if action == "english":
        write_english(ts, store)
        return
    tree = ET.parse(ts)
    root = tree.getroot()
    if action == "save":
        forms = {}
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                found = [f.text or "" for f in message.iter("numerusform")]
                if message.get("numerus") == "yes" and all(found):
                    forms[f"{name}\x00{message.findtext('source')}"] = found
        with open(store, "w", encoding="utf-8") as out:
            json.dump(forms, out)
        return
    with open(store, encoding="utf-8") as given:
        forms = json.load(given)
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if "%n" not in source:
                continue
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            known = forms.get(f"{name}\x00{source}")
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            if known:
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
                known = ["", ""]
            for text in known:
                ET.SubElement(translation, "numerusform").text = text
    ET.indent(tree, "    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    with open(ts, encoding="utf-8") as written:
        text = written.read()
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    with open(ts, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:4])
