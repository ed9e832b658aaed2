"""report.md: the briefing, timeline, actors, quotes and sources as Markdown, every line cited.

Everything that comes from an article (text, titles, names, outlets, paths, reasons) goes through
`md_text`, so no raw HTML, link or emphasis from the data renders; links are only http(s)."""
from __future__ import annotations

from dateline.export.escape import md_text as _md
from dateline.export.escape import md_url
from dateline.export.labels import Labels, provenance, published_range, reported_words, when
from dateline.models import Story


def _escape(text: str) -> str:
    """Kept for callers of the old name: the same as `md_text`."""
    return _md(text)


def render_markdown(story: Story) -> str:
    labels = Labels(story)
    out = ["# Dateline story", ""]
    first, last = published_range(story)
    span = f", {first} to {last}" if first else ""
    out += [f"{len(story.articles)} articles{span}. Citations read `A3:5`: article A3, sentence 5 (see Articles).", ""]

    def cite(article: str, sentence: int) -> str:
        return f"\\[{_md(labels.cite(article, sentence))}\\]"

    out += ["## Briefing", ""]
    for s in story.briefing:
        dated = f"**{_md(when(s.date))}**: " if getattr(s, "date", None) else ""
        latest = "Latest: " if getattr(s, "role", None) == "latest" else ""  # the line it opens with, out of date order
        out.append(f"- {latest}{dated}{_md(s.text)} {cite(s.article, s.sentence)}")
    out += ["", "## Timeline", ""]
    titles = {e.id: e.title for e in story.events}
    for entry in story.timeline:
        out.append(f"### {_md(when(entry.date))}")
        if entry.event in titles:
            out.append(f"*{_md(titles[entry.event])}*")
        for s in entry.sentences:
            out.append(f"- {_md(s.text)} {cite(s.article, s.sentence)}")
        out.append("")
    if story.background:
        out += ["### Background", "", "Earlier years and days the articles recall, before the coverage begins.", ""]
        for entry in story.background:
            out += [f"- **{_md(when(entry.date))}**: {_md(s.text)} {cite(s.article, s.sentence)}" for s in entry.sentences]
        out.append("")
    undated = [e for e in story.events if e.date.precision == "none"]
    if undated:
        out += ["### Undated", ""]
        for event in undated:
            out.append(f"*{_md(event.title)}* ({_md(event.date_evidence)})")
            out += [f"- {_md(s.text)} {cite(s.article, s.sentence)}" for s in event.citations[:3]]
            out.append("")
    out += ["## Actors", "", "| Name | Type | Also written | Roles | Mentions |", "|---|---|---|---|---|"]
    for a in story.actors:
        if a.type != "NORP" and (a.type in ("PERSON", "ORG") or a.mentions > 1):
            out.append(f"| {_md(a.name)} | {_md(a.type)} | {_md(', '.join(a.aliases))} | {_md(', '.join(a.roles))} "
                       f"| {a.mentions} |")
    if story.mentioned_once:  # named once in passing: listed apart, with their count, never dropped
        out += ["", f"Mentioned once in passing ({len(story.mentioned_once)}): "
                + _md(", ".join(sorted(a.name for a in story.mentioned_once)))]
    out += ["", "## Quotes", ""]
    for q in story.quotes:
        who = labels.actor(q.speaker) if q.speaker else (q.speaker_text or "unattributed")
        said = f"“{_md(q.text)}”" if q.direct else " ".join(_md(w) for w in reported_words(q.cue, q.text, q.cue_first))
        out.append(f"- **{_md(who)}**: {said} {cite(q.article, q.sentence)}")
    out += ["", "## Sources", ""]
    for s in story.sources:
        names = ", ".join(labels.article(a) for a in s.articles)
        places = ", ".join(s.place_names[:12]) or "none"
        out.append(f"- **{_md(s.name)}** ({_md(s.kind)}): {_md(names)}; {len(s.events)} events; places named: {_md(places)}")
    if story.naming:
        out += ["", "### Who calls it what", ""]
        for n in story.naming:
            uses = "; ".join(f"“{_md(u.name)}”" + (f" (said to be {_md(', '.join(u.said_to_be_used_by))}'s name)" if u.said_to_be_used_by else "")
                             + f": {_md(', '.join(u.sources)) or 'no source uses it'}" for u in n.names)
            cites = " ".join(cite(c.article, c.sentence) for c in n.evidence)
            out.append(f"- {'Spellings' if n.kind == 'spelling' else 'Names'}: {uses} {cites}".rstrip())
    out += ["", "## Articles", ""]
    for a in story.articles:
        title = _md(a.title) if a.title else f"*{_md(labels.title(a))}*"
        extra = f", copy of {_md(labels.article(a.duplicate_of))}" if a.duplicate_of else ""
        link = md_url(a.url)
        out.append(f"### {_md(labels.article(a.id))}. {title}")
        out.append(f"`{a.id.replace('`', '')}` · {_md(a.outlet or 'outlet unknown')}{' · ' + _md(a.agency) if a.agency else ''} · "
                   f"{_md(when(a.published))} ({provenance(a.published)}){extra} · {_md(a.path)}"
                   + (f" · [original]({link})" if link else ""))
        out.append("")
        for s in a.sentences:
            out.append(f"{s.index}. {_md(s.text)}")
        out.append("")
    if story.skipped:
        out += ["## Skipped input", ""] + [f"- {_md(s.path)}: {_md(s.reason)}" for s in story.skipped] + [""]
    return "\n".join(out)
