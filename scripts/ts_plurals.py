"""Keep the Dutch plural forms across ``pyside6-lupdate`` runs (used by scripts/translations).

pyside6-lupdate does not mark ``QCoreApplication.translate(context, "%n …", "", n)`` as a
plural message and then drops its second form. ``save`` remembers the plural forms before
lupdate runs; ``restore`` marks every message with ``%n`` as plural again and puts the
remembered forms back (new ones stay unfinished, so the translation test names them).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def main(action: str, ts: str, store: str) -> None:
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
