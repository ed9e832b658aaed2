"""Timeline summarisation on Timeline17 (or any dataset in its layout), by the published protocol.

    python bench/tls.py [DIR] [--topics libya,mj] [--out out/bench/tls] [--method datewise]

DIR (default ../shared/bench/t17) holds TOPIC/articles.jsonl.gz, TOPIC/timelines.jsonl and
TOPIC/keywords.json. Protocol of Gholipour Ghalandari & Ifrim (ACL 2020, Table 4), as in
../shared/bench/README.md: one run per reference timeline; input = the topic's articles published
from the reference's first to its last date; L = its number of dates, K = round(mean sentences
per date); keywords.json is the query. Scores from tilse 0.2.1: AR-1 and AR-2 from
`TimelineRougeEvaluator(measures=["rouge_1","rouge_2"], rouge_computation="original")
.evaluate_align_date_content_costs_many_to_one`, Date-F1 from `tilse.evaluation.dates.evaluate_dates`;
precision and recall averaged over all runs, then F1.

`--set timeline.NAME=VALUE` (repeatable) overrides a timeline setting for the run; `--dump FILE` writes
every generated timeline (dates, cited sentences) per topic and timeline, to compare two versions.

Two baselines run beside Dateline on the same input: the first sentences of the L days with most
articles ("most covered"), and L random publication days (seed 0) with their first sentences.

Articles are analysed once by Dateline's pipeline into OUT/TOPIC.sqlite (OUT: out/bench/tls/DATASET); a rerun times the
timeline step alone. Prints a table per timeline, the totals, seconds per topic, and last a JSON
line {"ar1_f", "ar2_f", "date_f1", "seconds_per_topic", "baseline_ar1_f"}.

Published on T17 (AR-1 F1 / AR-2 F1 / Date-F1): Datewise 0.120 / 0.035 / 0.544; SUnSET (Qwen-72B)
0.136 / 0.044 / 0.576.

tilse 0.2.1 calls the ROUGE-1.5.5 Perl script through its author's fork of pyrouge
(`Rouge155(average="raw", stem=True, ignore_stopwords=True).score_summary`), which is not on
PyPI; `PerlRouge` below gives that interface over the same script as shipped in PyPI's pyrouge
0.1.3, with the same options (-n 2 -m -s -t 2: stemming, no stopwords, raw counts), and runs it
once per timeline for all its date pairs rather than once per pair.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from tls_data import Reference, analyse_topic, keywords, references, topics  # noqa: E402

TILSE = "tilse==0.2.1"
PYROUGE = "pyrouge==0.1.3"  # ships ROUGE-1.5.5.pl
NLTK = "nltk==3.9.1"
RANDOM_SEED = 0


# -- tools -----------------------------------------------------------------------------------------
def _pip(*args: str) -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "install", "-q", *args]).returncode == 0


def _perl_has_xml_parser() -> bool:
    return shutil.which("perl") is not None and subprocess.run(
        ["perl", "-MXML::Parser", "-MDB_File", "-e1"], capture_output=True).returncode == 0


def ensure_tools(install: bool = True) -> str | None:
    """Install what scoring needs (tilse without its pinned old deps, pyrouge for the Perl script,
    Perl's XML::Parser from Debian); return None when ready, else what is missing and how to get it."""
    try:
        import tilse  # noqa: F401
        import nltk  # noqa: F401
        import pyrouge  # noqa: F401
    except ImportError:
        if not install or not (_pip("--no-deps", TILSE) and _pip(NLTK, PYROUGE)):
            return f"pip install --no-deps {TILSE} && pip install {NLTK} {PYROUGE}"
    if not _perl_has_xml_parser():
        if install and shutil.which("apt-get"):
            subprocess.run(["apt-get", "install", "-y", "-q", "libxml-parser-perl"], capture_output=True)
        if not _perl_has_xml_parser():
            return "apt-get install libxml-parser-perl (ROUGE-1.5.5 needs Perl's XML::Parser and DB_File)"
    if not rouge_home().joinpath("ROUGE-1.5.5.pl").exists():
        return f"ROUGE-1.5.5.pl not found under {rouge_home()} (pip install {PYROUGE})"
    return None


def rouge_home() -> Path:
    import pyrouge

    return Path(pyrouge.__file__).parent / "tools" / "ROUGE-1.5.5"


class PerlRouge:
    """tilse's `Rouge155(average="raw", stem=True, ignore_stopwords=True)`: raw ROUGE-1/2 counts from
    ROUGE-1.5.5. In record mode it notes each (summary, references) pair and answers zeros; `run()`
    scores all noted pairs in one Perl call; in replay mode it answers the pairs in the same order."""

    def __init__(self, average="raw", stem=True, ignore_stopwords=True):
        assert average == "raw"
        self.options = ["-n", "2", "-x", "-t", "2", "-a", "-d", "-z", "SPL"]
        self.options += ["-m"] if stem else []
        self.options += ["-s"] if ignore_stopwords else []
        self.pairs: list[tuple[list, dict]] = []
        self.results: list[dict] = []
        self.replay = False
        self.position = 0

    def score_summary(self, summary, references):
        if self.replay:
            self.position += 1
            return self.results[self.position - 1]
        self.pairs.append((summary, references))
        return {f"rouge_{n}_{c}_count": 0 for n in (1, 2) for c in ("h", "p", "m")}

    def run(self) -> None:
        home = rouge_home()
        with tempfile.TemporaryDirectory() as tmp:
            lines = []
            for i, (summary, refs) in enumerate(self.pairs):
                peer = Path(tmp, f"{i}.peer")
                peer.write_text("\n".join(" ".join(s) for s in summary) + "\n")
                models = []
                for name, sents in sorted(refs.items()):
                    model = Path(tmp, f"{i}.{name}.model")
                    model.write_text("\n".join(" ".join(s) for s in sents) + "\n")
                    models.append(str(model))
                lines.append(" ".join([str(peer), *models]))
            config = Path(tmp, "config.txt")
            config.write_text("\n".join(lines) + "\n")
            out = subprocess.run(["perl", str(home / "ROUGE-1.5.5.pl"), "-e", str(home / "data"), *self.options, str(config)],
                                 capture_output=True, text=True, check=True).stdout
        counts: dict[int, dict] = defaultdict(dict)
        for n, i, m, p, h in re.findall(r"ROUGE-(\d) Eval (\d+)\.\S+ R:(\d+) P:(\d+) F:(\d+)", out):
            c = counts[int(i) - 1]
            c[f"rouge_{n}_m_count"], c[f"rouge_{n}_p_count"], c[f"rouge_{n}_h_count"] = int(m), int(p), int(h)
        self.results = [counts[i] for i in range(len(self.pairs))]
        self.replay = True


def rouge_scores(predicted: dict, reference: dict) -> tuple[dict, dict]:
    """(AR scores, date scores) of one predicted timeline against one reference, as tilse computes them."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import dates as tilse_dates
    from tilse.evaluation import rouge as tilse_rouge

    pred, truth = Timeline(predicted), GroundTruth([Timeline(reference)])
    tilse_rouge.pyrouge = SimpleNamespace(Rouge155=PerlRouge)  # the fork's interface, see the module's docstring
    evaluator = tilse_rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="original")
    evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth)  # records the pairs
    evaluator.rouge.run()
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth)  # replays them
    if not predicted:
        return scores, {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    return scores, tilse_dates.evaluate_dates(pred, truth)


# -- systems ---------------------------------------------------------------------------------------
TOKEN = re.compile(r"n't\b|'(?:s|re|ve|ll|m|d)\b|\w+(?:[-.]\w+)*|[^\w\s]")


def tokenize(text: str) -> str:
    """The references' tokenization (Penn Treebank style), for tilse's whitespace split."""
    return " ".join(TOKEN.findall(text.replace("\u201c", "``").replace("\u201d", "''")))


def in_window(article, ref: Reference) -> bool:
    day = article.published.sort_day()
    return day is not None and ref.first <= day <= ref.last


_GENERATORS: dict = {}
_RULES: list = [None]  # the timeline settings of this run (--set timeline.NAME=VALUE), None: the defaults
_DUMP: dict = {}  # topic -> timeline name -> what Dateline told (--dump)


def dateline_run(articles, ref: Reference, query: list[str], method: str) -> dict:
    from dateline.summarise.timeline import TimelineBudget, generator

    L, K = ref.budget
    budget = TimelineBudget(dates=L, per_date=K, start=ref.first, end=ref.last, query=query or None,
                            background=0, coarse=False)
    # one generator per topic, as a service over one store keeps it: what it derives per article is reused
    if (ref.topic, method) not in _GENERATORS:
        _GENERATORS[(ref.topic, method)] = generator(method, _RULES[0]) if _RULES[0] else generator(method)
    system = _GENERATORS[(ref.topic, method)]
    result = system.generate([a for a in articles if in_window(a, ref)], budget)
    _DUMP.setdefault(ref.topic, {})[ref.name] = {
        section: [{"date": e.date.value, "precision": e.date.precision,
                   "sentences": [[c.article, c.sentence, c.text] for c in e.sentences]} for e in entries]
        for section, entries in (("timeline", result.timeline), ("background", result.background))}
    return {e.date.earliest: [s.text for s in e.sentences] for e in result.timeline if e.date.precision == "day"}


def first_sentences(articles, days: list[dt.date], k: int) -> dict:
    by_day = defaultdict(list)
    for a in articles:
        if a.sentences and a.published.precision == "day":
            by_day[a.published.earliest].append(a.sentences[0].text)
    return {d: list(dict.fromkeys(by_day[d]))[:k] for d in days if by_day[d]}


def most_covered_run(articles, ref: Reference, query, method) -> dict:
    L, K = ref.budget
    window = [a for a in articles if in_window(a, ref) and a.published.precision == "day"]
    counts = Counter(a.published.earliest for a in window)
    return first_sentences(window, [d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:L]], K)


def random_run(articles, ref: Reference, query, method) -> dict:
    L, K = ref.budget
    window = [a for a in articles if in_window(a, ref) and a.published.precision == "day"]
    days = sorted({a.published.earliest for a in window})
    rng = random.Random(f"{RANDOM_SEED}:{ref.topic}:{ref.name}")
    return first_sentences(window, rng.sample(days, min(L, len(days))), K)


SYSTEMS = {"dateline": dateline_run, "most-covered": most_covered_run, "random-dates": random_run}


# -- the run ---------------------------------------------------------------------------------------
def load_articles(store_path: Path):
    from dateline.store import Store

    with Store(store_path) as store:
        return [s.article for s in store.iter_articles()]


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "bench" / "t17"))
    parser.add_argument("--topics", default="", help="comma-separated subset, e.g. libya,mj")
    parser.add_argument("--out", default=None,
                        help="analysis cache, one store per topic (default: out/bench/tls/NAME, NAME the dataset folder's name)")
    parser.add_argument("--method", default="datewise", help="timeline generator by name")
    parser.add_argument("--dump", default=None,
                        help="write every generated timeline (dates, cited sentences) per topic and timeline to this JSON file")
    parser.add_argument("--set", action="append", default=[], metavar="timeline.NAME=VALUE",
                        help="override a timeline setting (see `dateline settings`); repeatable. Only the timeline "
                             "section: the cached analysis was made with the defaults")
    parser.add_argument("--no-install", action="store_true", help="do not pip/apt install the scoring tools")
    args = parser.parse_args(argv)

    data = Path(args.dir)
    if args.set:
        from dateline.settings import SettingsError, load_settings

        wrong = [p for p in args.set if not p.strip().startswith("timeline.")]
        try:
            if wrong:
                raise SettingsError(f"--set {wrong[0]}: only timeline.* settings apply to a rerun over cached analyses")
            _RULES[0] = load_settings(args.set).timeline
        except SettingsError as err:
            print(str(err), file=sys.stderr)
            return 2
    # one cache per dataset: a held-out set may reuse topic names ("syria") with other articles
    out = Path(args.out) if args.out else ROOT / "out" / "bench" / "tls" / data.resolve().name
    missing = ensure_tools(install=not args.no_install)
    if missing:
        print(f"cannot score: {missing}", file=sys.stderr)
        return 2
    wanted = [t for t in args.topics.split(",") if t] or topics(data)
    unknown = [t for t in wanted if t not in topics(data)]
    if unknown:
        print(f"unknown topic(s) in {data}: {', '.join(unknown)}", file=sys.stderr)
        return 2

    started = time.monotonic()
    totals = {name: defaultdict(float) for name in SYSTEMS}
    runs = 0
    step_seconds: dict[str, float] = {}
    step_cpu: dict[str, float] = {}  # the machine may be shared: CPU seconds say what the step itself costs
    analyse_seconds = 0.0
    removed = Counter()
    header = f"{'topic':<8} {'timeline':<22} {'L':>4} {'K':>2}  {'AR-1 F':>7} {'AR-2 F':>7} {'Date F1':>7}   {'most-covered AR-1':>17} {'random AR-1':>11}"
    print(header)
    print("-" * len(header))
    for topic in wanted:
        refs = references(data, topic)
        t0 = time.monotonic()
        analyse_topic(data, topic, out / f"{topic}.sqlite")
        analyse_seconds += time.monotonic() - t0
        articles = load_articles(out / f"{topic}.sqlite")
        # the full collection that loading a whole store into memory makes due is paid here, outside the
        # timing: otherwise it lands in whichever step allocates next (a quarter of a second on a large topic)
        gc.collect()
        for a in articles:
            removed.update(r.reason for r in a.removed_lines)
        query = keywords(data, topic)
        step_seconds[topic] = 0.0
        for ref in refs:
            row = {}
            for name, system in SYSTEMS.items():
                t1, c1 = time.monotonic(), time.process_time()
                predicted = system(articles, ref, query, args.method)
                if name == "dateline":
                    step_seconds[topic] += time.monotonic() - t1
                    step_cpu[topic] = step_cpu.get(topic, 0.0) + time.process_time() - c1
                predicted = {d: [tokenize(s) for s in sents] for d, sents in predicted.items() if sents}
                scores, date_scores = rouge_scores(predicted, ref.dates)
                for key, value in (("ar1", scores["rouge_1"]), ("ar2", scores["rouge_2"]), ("date", date_scores)):
                    totals[name][key + "_p"] += value["precision"]
                    totals[name][key + "_r"] += value["recall"]
                row[name] = (scores["rouge_1"]["f_score"], scores["rouge_2"]["f_score"], date_scores["f_score"])
            runs += 1
            L, K = ref.budget
            d = row["dateline"]
            print(f"{topic:<8} {ref.name[:22]:<22} {L:>4} {K:>2}  {d[0]:>7.3f} {d[1]:>7.3f} {d[2]:>7.3f}   "
                  f"{row['most-covered'][0]:>17.3f} {row['random-dates'][0]:>11.3f}", flush=True)

    print()
    print(f"{'system':<14} {'AR-1 P':>7} {'AR-1 R':>7} {'AR-1 F':>7} {'AR-2 F':>7} {'Date F1':>7}   ({runs} timelines)")
    final = {}
    for name, t in totals.items():
        avg = {k: v / max(1, runs) for k, v in t.items()}
        final[name] = {k: f1(avg[k + "_p"], avg[k + "_r"]) for k in ("ar1", "ar2", "date")}
        print(f"{name:<14} {avg['ar1_p']:>7.3f} {avg['ar1_r']:>7.3f} {final[name]['ar1']:>7.3f} "
              f"{final[name]['ar2']:>7.3f} {final[name]['date']:>7.3f}")
    print("published: Datewise 0.120 / 0.035 / 0.544; SUnSET (Qwen-72B) 0.136 / 0.044 / 0.576 (AR-1 / AR-2 / Date F1)")
    base = final["most-covered"]["ar1"]
    print(f"dateline / most-covered AR-1: {final['dateline']['ar1'] / base:.2f}x" if base else "")
    print("timeline step, seconds per topic (wall / CPU): "
          + ", ".join(f"{t} {s:.2f} / {step_cpu.get(t, 0):.2f}" for t, s in step_seconds.items()))
    print(f"analysis this run: {analyse_seconds:.0f} s; whole run: {time.monotonic() - started:.0f} s")
    print("removed lines seen, by reason: " + (", ".join(f"{r} {n}" for r, n in removed.most_common()) or "none"))
    if args.dump:
        Path(args.dump).write_text(json.dumps(_DUMP, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    per_topic = sum(step_seconds.values()) / max(1, len(step_seconds))
    print(f"timeline step mean per topic: {per_topic:.2f} s wall, {sum(step_cpu.values()) / max(1, len(step_cpu)):.2f} s CPU")
    print(json.dumps({"ar1_f": round(final["dateline"]["ar1"], 4), "ar2_f": round(final["dateline"]["ar2"], 4),
                      "date_f1": round(final["dateline"]["date"], 4), "seconds_per_topic": round(per_topic, 3),
                      "baseline_ar1_f": round(base, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
