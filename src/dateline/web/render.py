"""Small helpers the templates call: links, citations, highlighted sentences, the coverage chart.

Everything that returns Markup escapes each piece of story text itself first; nothing else is
marked safe, so Jinja's autoescape covers the rest."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from dateline.export.labels import Labels, plain_label, provenance, reported_words, when
from dateline.models import Article

CHART_COLOURS = 8  # outlets drawn in their own colour (CSS classes c0..c7); the rest share "other"


def article_url(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def sentence_url(article_id: str, index: int) -> str:
    return f"{article_url(article_id)}#{Labels.anchor(article_id, index)}"


def actor_url(actor_id: str) -> str:
    return f"/actors/{quote(actor_id, safe='')}"


def event_url(event_id: str) -> str:
    return f"/events/{quote(event_id, safe='')}"


def day_url(value) -> str:
    return f"/day/{value.isoformat()}"


def with_query(base: str, params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return base + ("?" + urlencode(merged) if merged else "")


def marked_sentence(article: Article, index: int) -> Markup:
    """A sentence with its time expressions marked and their calendar values as a tooltip and a label."""
    s = article.sentences[index]
    spans = sorted((t for t in article.time_expressions if t.sentence == index and s.start <= t.start < t.end <= s.end),
                   key=lambda t: t.start)
    raw = article.text[s.start:s.end]
    if raw.strip() != s.text:  # offsets do not fit (an older store): show the sentence as written
        return Markup(escape(s.text))
    out, pos = [], s.start
    for t in spans:
        if t.start < pos:
            continue
        out.append(escape(article.text[pos:t.start]))
        value = when(t.resolved) if t.resolved.precision != "none" else "not placed on the calendar"
        out.append(Markup('<mark class="timex" title="{v}">{t}<span class="tv"> [{v}]</span></mark>').format(
            v=value, t=article.text[t.start:t.end]))
        pos = t.end
    out.append(escape(article.text[pos:s.end]))
    return Markup("".join(out).strip())


def snippet(segments: list[tuple[str, bool]]) -> Markup:
    return Markup("".join(Markup("<mark>{}</mark>").format(t) if hit else str(escape(t)) for t, hit in segments))


def coverage_svg(view) -> Markup:
    """Articles per day by outlet as stacked bars, drawn server-side (no script, no library); once per story."""
    drawn = getattr(view, "_coverage_svg", None)
    if drawn is None:
        drawn = view._coverage_svg = _draw_coverage(view)
    return drawn


def _draw_coverage(view) -> Markup:
    days, outlets, counts = view.coverage
    if not days:
        return Markup('<p class="muted">No article is dated to the day, so there is no chart.</p>')
    span = (days[-1] - days[0]).days + 1
    all_days = [days[0] + timedelta(n) for n in range(span)]
    peak = max(sum(counts.get((d, o), 0) for o in outlets) for d in days)
    width, height, pad, bottom = 640, 160, 28, 22
    bar = max(1.0, (width - pad) / len(all_days))
    colour = {o: f"c{i}" if i < CHART_COLOURS else "cx" for i, o in enumerate(outlets)}
    parts = [Markup('<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title">'
                    '<title id="chart-title">Articles per day by outlet, {a} to {b}</title>').format(
        w=width, h=height + bottom, a=when_day(days[0]), b=when_day(days[-1]))]
    scale = (height - 10) / peak
    for i, d in enumerate(all_days):
        y = height
        for o in outlets:
            n = counts.get((d, o), 0)
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(Markup('<a href="{u}"><rect class="{c}" x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{h:.1f}">'
                                '<title>{d}: {n} from {o}</title></rect></a>').format(
                u=day_url(d), c=colour[o], x=pad + i * bar, y=y, bw=max(bar - 1, 0.8), h=h, d=when_day(d), n=n, o=o))
    parts.append(Markup('<text x="0" y="12" class="axis">{p}</text><text x="0" y="{h}" class="axis">0</text>'
                        '<text x="{x}" y="{yb}" class="axis">{a}</text><text x="{xe}" y="{yb}" class="axis" text-anchor="end">{b}</text>'
                        ).format(p=peak, h=height, x=pad, yb=height + 16, a=when_day(days[0]), xe=width, b=when_day(days[-1])))
    parts.append(Markup("</svg>"))
    legend = Markup("").join(Markup('<li><span class="swatch {c}"></span>{o}</li>').format(c=colour[o], o=o) for o in outlets[:CHART_COLOURS + 4])
    return Markup("").join(parts) + Markup('<ul class="legend">') + legend + Markup("</ul>")


def when_day(d) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


GLOBALS = {
    "article_url": article_url, "sentence_url": sentence_url, "actor_url": actor_url, "event_url": event_url,
    "day_url": day_url, "with_query": with_query, "marked_sentence": marked_sentence, "snippet": snippet,
    "coverage_svg": coverage_svg, "when": when, "reported_words": reported_words, "provenance": provenance, "plain_label": plain_label,
    "web_url": Labels.web_url, "anchor": Labels.anchor, "article_title": Labels.title,
}
def counted(n: int, noun: str) -> str:
    """"1 article", "3 articles": a count with its noun, as a reader writes it (not "1 article(s)")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


FILTERS = {"plain": plain_label, "when": when, "counted": counted}
