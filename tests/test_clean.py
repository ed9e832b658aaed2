"""Chrome removal by method: shape, position, vocabulary, repetition across unrelated articles."""
from __future__ import annotations

from dateline.clean import clean_plain_text, shared_lines

PAGE = """• Reuters

Home > World > Europe

Harbour strike ends after pay deal

Dock workers in Rotterdam ended a nine-day strike on Friday after unions accepted a pay offer from port operators.

The deal raises wages by 6 percent this year and a further 4 percent next year, the union said in a statement.

- Advertisement -

Shipping lines had diverted dozens of vessels to Antwerp and Hamburg during the stoppage, adding days to delivery times.

  • Markets
  • Weather
  • Sport

Subscribe to our newsletter
Get the top stories in your inbox every morning.
"""


def test_shape_position_and_vocabulary():
    cleaned = clean_plain_text(PAGE)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert cleaned.agency == "Reuters"
    assert cleaned.title == "Harbour strike ends after pay deal"
    assert reasons["Home > World > Europe"] == "breadcrumb"
    assert reasons["- Advertisement -"] == "marker line"
    assert reasons["• Markets"] == "navigation bullet"
    assert "Subscribe to our newsletter" in reasons
    assert "Get the top stories in your inbox every morning." in reasons
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Dock workers in Rotterdam") and paragraphs[-1].endswith("delivery times.")


def test_removed_lines_point_at_raw_lines():
    cleaned = clean_plain_text(PAGE)
    raw = PAGE.splitlines()
    for removed in cleaned.removed:
        assert raw[removed.line - 1].strip() == removed.text


def test_footer_repeated_across_unrelated_articles_is_removed():
    footer = "In a time of both misinformation and too much information, quality journalism matters more than ever."
    a = "The council approved the new budget on Tuesday after a long debate about school funding.\n\n" + footer
    b = "Heavy rain flooded several roads in the north of the city overnight, the fire service said.\n\n" + footer
    shared = shared_lines([a, b])
    assert footer.lower() in shared[0]
    for text, repeated in zip([a, b], shared):
        cleaned = clean_plain_text(text, repeated)
        assert footer not in cleaned.text and cleaned.removed[-1].reason == "repeated in unrelated articles"


def test_copies_of_one_article_are_not_evidence_of_chrome():
    body = "\n\n".join(
        f"Sentence number {i} of the wire story describes what the minister said at length today." for i in range(6)
    )
    shared = shared_lines([body, body + "\n\nAn extra closing line appears only in the second copy of this story."])
    assert shared == [set(), set()]
    assert clean_plain_text(body, shared[0]).text.count("Sentence number") == 6


def test_prose_is_never_taken_for_a_title_or_chrome():
    text = "Officials said talks would resume in March, after a pause of almost two years.\n\nShort line\n\nMore prose follows here, and it is long enough to count as a sentence."
    cleaned = clean_plain_text(text)
    assert cleaned.title is None
    assert cleaned.text.startswith("Officials said talks would resume")
    assert "Short line" in cleaned.text  # a short line inside the body is kept: only its shape would say otherwise


def test_a_menu_at_the_top_is_not_a_wire_credit():
    text = "• Markets\n• Weather\n• Sport\n\nThe central bank raised its main rate by a quarter point on Wednesday, its third rise this year."
    cleaned = clean_plain_text(text)
    assert cleaned.agency is None
    assert [r.reason for r in cleaned.removed] == ["navigation bullet"] * 3


def test_a_page_stamp_and_the_wire_dateline_after_it_are_cut_a_dateline_alone_is_kept_and_both_name_the_agency():
    """A dateline alone is the story's first words, as the extraction benchmark's human-cut bodies keep it; after the
    page's stamp (and a headline run in before it) the two are the page's heading."""
    text = ("Port strike spreads VALLETTA | Tue Mar 3, 2026 7:06 pm EDT VALLETTA (Wire) - Dockers in Malta joined "
            "the strike on Tuesday.\n\n"
            "The union said talks would resume.\n\n"
            "OXFORD, Miss., March 2 (Wire) -- Students marched to the state capitol on Monday.\n\n"
            "He told the council (Wire) - and the press - that he would stay.")
    cleaned = clean_plain_text(text)
    assert cleaned.text.split("\n\n") == [
        "Dockers in Malta joined the strike on Tuesday.", "The union said talks would resume.",
        "OXFORD, Miss., March 2 (Wire) -- Students marched to the state capitol on Monday.",
        "He told the council (Wire) - and the press - that he would stay."]
    assert cleaned.agency == "Wire"
    cut = [(r.line, r.text, r.reason) for r in cleaned.removed]
    assert cut == [(1, "Port strike spreads VALLETTA | Tue Mar 3, 2026 7:06 pm EDT VALLETTA (Wire) -",
                    "page stamp and the wire's dateline")]
    assert clean_plain_text("OXFORD, Miss., March 2 (Wire) -- Students marched to the state capitol.").agency == "Wire"


def test_a_heading_run_into_the_dateline_or_a_paragraph_is_set_apart_and_its_words_kept():
    """Flattened pages put the headline, byline or highlights on the story's first line; set apart, the story's
    first sentence is its own. An acronym in prose followed by a dash is no dateline."""
    text = ("Exporters expect a record year Quotas cut by a fifth, minister says Bergen, Norway (Wire) -- Mackerel "
            "exporters said on Monday that prices had doubled.\n\n"
            "The ministry will publish the quotas in May.")
    assert clean_plain_text(text).text.split("\n\n") == [
        "Exporters expect a record year Quotas cut by a fifth, minister says",
        "Bergen, Norway (Wire) -- Mackerel exporters said on Monday that prices had doubled.",
        "The ministry will publish the quotas in May."]
    bullets = ("* Talks resume in spring (Updates with minister's comment) OSLO, March 2 (Reuters) - Norway said on "
               "Monday it would reopen the talks.")
    assert clean_plain_text(bullets).text.split("\n\n")[1] == "OSLO, March 2 (Reuters) - Norway said on Monday it would reopen the talks."
    prose = ("Charities in the Disaster Emergency Committee (DEC) - which has raised millions - said on Monday that aid "
             "had reached the coast.")
    assert clean_plain_text(prose).text == prose
    # a subheading in capitals run into its paragraph; the last word in capitals before a verb is the subject
    subheads = ("Boats returned to port on Monday.\n\nTALKS RESUME IN BERGEN The ministers met again on Tuesday.\n\n"
                "QUOTA DEAL WITHIN REACH NTB reported that a deal was near.\n\n"
                "KARI LUNDGREN, FISHERIES MINISTER: We are close.\n\nPORT OF HAMMERFEST, Norway -- Boats left at dawn.")
    assert clean_plain_text(subheads).text.split("\n\n") == [
        "Boats returned to port on Monday.", "TALKS RESUME IN BERGEN", "The ministers met again on Tuesday.",
        "QUOTA DEAL WITHIN REACH", "NTB reported that a deal was near.", "KARI LUNDGREN, FISHERIES MINISTER: We are close.",
        "PORT OF HAMMERFEST, Norway -- Boats left at dawn."]
    later = ("Boats returned to port on Monday.\n\nThe quota was cut.\n\nPrices rose.\n\nA year ago, Bergen (Wire) -- "
             "Exporters had said prices would fall.")
    assert clean_plain_text(later).text.split("\n\n")[-1] == "A year ago, Bergen (Wire) -- Exporters had said prices would fall."
