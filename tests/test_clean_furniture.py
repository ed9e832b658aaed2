"""Page furniture and reader comments removed by family, shape and position, each with its reason;
small fixtures written for these tests (tests/fixtures/clean)."""
from __future__ import annotations

from pathlib import Path

from dateline.clean import clean_plain_text
from dateline.clean.furniture import (
    BYLINE, COMMENT, COMMENT_COUNT, COMMENT_NOTICE, COMMENT_SIGNATURE, COPYRIGHT, CREDIT, DATELINE, NOTICE, RELATED,
    PROMO, REPEATED, SHARE, SLOT_LINE, comment_marker, line_furniture, reader_voice,
)

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def reasons_of(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_commented_story_keeps_the_story_and_names_each_removal():
    cleaned = clean_plain_text((FIXTURES / "commented-story.txt").read_text())
    reasons = reasons_of(cleaned)
    assert cleaned.title == "Ferry service resumes across the strait after storm"
    assert reasons["By Maria Olsen and Tomas Berg, Harbour Desk"] == BYLINE
    assert reasons["KALDVIK"] == DATELINE
    assert reasons["Photograph: Jens Holm/AP"] == CREDIT
    assert reasons["Share this article"] == SHARE
    assert reasons["Facebook Twitter Email Print"] == SHARE
    assert reasons["Related stories"] == RELATED
    assert reasons["Storm closes bridge for second day"] == RELATED  # a link title under the heading
    assert reasons["© 2024 Harbour Herald Ltd. All rights reserved."] == COPYRIGHT
    assert reasons["42 comments"] == COMMENT_COUNT
    assert reasons["March 5, 2024 at 6:15 pm | Report abuse | Reply"] == COMMENT_SIGNATURE
    assert reasons["You people complain about everything, the crew did their best in awful weather."] == COMMENT
    assert reasons["We use cookies to improve your experience. By continuing you accept our cookie policy."] == NOTICE
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 4  # the four paragraphs of the story, nothing else
    assert paragraphs[0].startswith("The ferry link") and paragraphs[-1].startswith("Local councillors")
    for word in ("comment", "Finally", "cookies", "Subscribe", "©", "Facebook"):
        assert word not in cleaned.text


def test_reader_voice_before_a_late_notice_is_a_comment_and_the_wire_story_stays():
    """Tokenized text, one sentence a line, no blank lines: the comments come before the only
    notice, so the reader's voice (I, you, '??', no capital) is followed back from it."""
    cleaned = clean_plain_text((FIXTURES / "tokenized-thread.txt").read_text())
    reasons = reasons_of(cleaned)
    assert reasons["I can not believe they passed this , my taxes went up again !"] == COMMENT
    assert reasons["you guys never report the real numbers ."] == COMMENT
    assert reasons["This discussion is now closed ."] == COMMENT_NOTICE
    assert reasons["-LRB- Reporting by Ana Silva ; Editing by John Reed -RRB-"] == BYLINE
    # the story, its quote ("This is a budget for families") and its last line are all kept
    assert "`` This is a budget for families , '' he told reporters" in cleaned.text
    assert cleaned.text.rstrip().endswith("with ten abstentions .")
    assert len(cleaned.text.split("\n\n")) == 5


def test_a_programme_schedule_is_not_an_article():
    cleaned = clean_plain_text((FIXTURES / "tv-schedule.txt").read_text())
    assert cleaned.not_article and cleaned.not_article.startswith("programme schedule")
    assert all(r.reason == SLOT_LINE for r in cleaned.removed)
    assert len(cleaned.removed) == 5


def test_a_news_story_with_times_is_not_a_schedule():
    text = (
        "Rescue teams reached the village at 9:30 am on Sunday, six hours after the landslide, officials said.\n\n"
        "By 2 pm, 14 people had been pulled from the mud alive, the regional governor told reporters.\n\n"
        "Rain is expected to resume at 6 pm, forecasters said, which could slow the search."
    )
    cleaned = clean_plain_text(text)
    assert cleaned.not_article is None and cleaned.removed == []


def test_news_about_comments_is_not_a_comment_notice():
    for line in (
        "Gates declined to comment on reports the carrier could be moved into the Mediterranean .",
        "His comments were the first official reaction from the Libyan authorities since the unrest began .",
        "Obama told reporters at the White House in his first public comments on the revolt that the violence must stop .",
        "The minister would not comment on whether talks with the rebels had begun.",
    ):
        assert comment_marker(line) is None, line
        assert line_furniture(line) is None, line


def test_families_and_shapes_of_single_lines():
    assert comment_marker("Comments are not pre-screened before they post .") == COMMENT_NOTICE
    assert comment_marker("We welcome comments that advance the story through relevant opinion.") == COMMENT_NOTICE
    assert comment_marker("Comments (17)") == COMMENT_COUNT
    assert comment_marker("At 5:27 pm on 28 May 2010 , AlexB wrote :") == COMMENT_SIGNATURE
    assert line_furniture("Share your photos and videos with us via our app .") == SHARE
    assert line_furniture("By the Wire Staff") == BYLINE
    assert line_furniture("The Associated Press contributed to this report.") == BYLINE
    assert line_furniture("Most read") == RELATED
    assert line_furniture("(Photo by Ana Ruiz/Getty Images)") == CREDIT
    assert line_furniture("Updated: 12:30 GMT, 21 February 2011") == DATELINE
    assert line_furniture("Already a subscriber? Log in to read your free articles.") == NOTICE
    # prose that only looks like a byline or a dateline is kept
    assert line_furniture("By Tuesday , the rebels had taken the oil port of Brega .") is None
    assert line_furniture("NATO said its jets struck a command centre in Tripoli overnight.") is None


def test_reader_voice_and_reporter_voice():
    assert reader_voice("you guys never report the real numbers .") == 1
    assert reader_voice("@Sam , read the article before you post .") == 1
    assert reader_voice("`` We will fight to the last man , '' he said .") == -1
    assert reader_voice("BLITZER : Are you saying the president has gone ?") == -1  # a transcript's speaker
    assert reader_voice("The vote was 116 to 104 , with ten abstentions .") == 0


def test_a_caption_repeated_later_in_the_page_goes_once():
    caption = "A protester waves a flag from the roof of the court building in the port city."
    text = "\n\n".join([
        caption,
        "Thousands gathered outside the court on Friday to demand the release of detained activists, witnesses said.",
        "Police fired tear gas to disperse the crowd in the early evening, according to a local journalist.",
        caption,
        "The court is due to rule on the activists' appeal next week.",
    ])
    cleaned = clean_plain_text(text)
    assert cleaned.text.count(caption) == 1
    assert [r.reason for r in cleaned.removed] == [REPEATED]


def test_a_comment_count_beside_the_headline_is_only_a_count():
    text = "\n\n".join([
        "Council approves new tram line",
        "12 comments",
        "The city council approved a new tram line to the airport on Tuesday, ending a decade of debate.",
        "Construction is due to start next spring and take four years, the transport department said.",
        "Critics said the line would cost more than the budget allows and serve too few passengers.",
    ])
    cleaned = clean_plain_text(text)
    assert reasons_of(cleaned)["12 comments"] == COMMENT_COUNT
    assert cleaned.text.count("\n\n") == 2  # the three paragraphs of the story survive


def test_calls_to_the_reader_and_interface_notices():
    for line in (
        "Get Wonkbook delivered to your inbox or mobile device every morning .",
        "Explore all of our graphics to track the spill .",
        "Sorry , this media is not available in your territory .",
        "To pause and restart automatic updates , click `` Live '' or `` Paused '' .",
    ):
        assert line_furniture(line) == PROMO, line
    for line in ("Follow the money, investigators say.", "Watch what happens when the rig fails.",
                 "See you in court, the lawyer told reporters."):
        assert line_furniture(line) is None, line


def test_a_radio_running_order_is_a_schedule_not_an_article():
    cleaned = clean_plain_text((FIXTURES / "running-order.txt").read_text())
    assert cleaned.not_article and "programme's segments" in cleaned.not_article
    assert reasons_of(cleaned)["Today is broadcast live and the running order is subject to change ."] == PROMO


def test_a_news_story_closing_with_one_report_line_is_an_article():
    text = "\n".join([
        "Flood waters rose across the north of the country on Monday, cutting off dozens of villages.",
        "The army sent boats to evacuate residents from the worst-hit districts, officials said.",
        "Forecasters expect more rain later in the week.",
        "Our correspondent Ana Ruiz reports from the flooded town of Ribe.",
    ])
    assert clean_plain_text(text).not_article is None


def test_a_comment_joined_to_the_form_under_it_is_comment_furniture():
    """A scrape that joins a reader's comment and the comment form's notice into one long line."""
    line = ("Honestly the best coverage of the harbour strike I have read all week and I will be sharing it with "
            "everyone I know in the town (required, but will not be displayed) The Herald welcomes a lively and "
            "courteous discussion as long as you follow the rules set forth in our Terms of Service.")
    assert comment_marker(line) is not None
    news = ("The council, which met for six hours (the longest session this year), voted to extend the harbour "
            "lease by ten years and to review the fees charged to the fishing fleet at the next meeting.")
    assert comment_marker(news) is None


def test_the_site_telling_its_reader_about_its_policy_is_a_legal_notice():
    notice = ("In addition to being subject to our Privacy Policy, the collection, storage and use of your data "
              "will be subject to the laws and regulations of the country where our servers stand, which may differ "
              "from those of your home country.")
    assert line_furniture(notice) == "copyright or footer"
    reported = ("Our reporters asked whether the new privacy policy would change how the council stores your data, "
                "and the mayor said it would not.")
    assert line_furniture(reported) is None


def test_a_closing_mark_after_an_opened_quote_closes_it():
    from dateline.clean.detokenize import detokenize

    assert detokenize("Stop calling these ragtags `` rebels '' they are nothing .") == \
        "Stop calling these ragtags \u201crebels\u201d they are nothing."
    assert detokenize("'' We lost '' , he said .") == "\u201cWe lost\u201d, he said."


def test_a_comments_heading_starts_the_thread_even_over_a_first_comment_of_neutral_words():
    page = ("Mackerel fleets stay in port\n\n"
            "Boat owners said on Tuesday that the fleets would stay in port until ministers settle the quota.\n\n"
            "The owners want a split agreed first and the total argued later, the association said.\n\n"
            "Comments\n\n"
            "They should have settled this years ago.\n"
            "Posted by: harbourman | March 20, 2025 7:53 AM | Report abuse\n")
    cleaned = clean_plain_text(page)
    reasons = reasons_of(cleaned)
    assert reasons["Comments"] == COMMENT_NOTICE
    assert reasons["They should have settled this years ago."] == COMMENT
    assert cleaned.text.rstrip().endswith("the association said.")
    # a heading far above the thread (the story goes on under it) is the story's own subheading
    story = page.replace("Comments\n\n", "Comments\n\n" + "".join(
        f"The ministry said the talks on point {n} were going well.\n\n" for n in range(1, 5)))
    kept = clean_plain_text(story)
    assert "Comments" not in reasons_of(kept) and "talks on point 1 were going well" in kept.text
