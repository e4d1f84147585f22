"""HTML step: decoding, sniffing, extraction on hand-written pages and samples/html."""

from __future__ import annotations

import codecs
import gzip
import json
import pickle
import types
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.html import HtmlDecodeError, HtmlExtract, decode_html, extract_html, looks_like_html

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "html"


# ------------------------------------------------------------ decode_html

def test_meta_charset_is_honoured():
    raw = '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>'.encode("cp1251")
    assert "Привет" in decode_html(raw)


def test_http_equiv_charset_is_honoured():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>prix 5 €</p>'
    assert "5 €" in decode_html(page.encode("iso-8859-15"))


def test_bom_wins_over_nothing_and_is_stripped():
    assert decode_html(codecs.BOM_UTF8 + "<p>naïve</p>".encode()) == "<p>naïve</p>"
    assert decode_html(codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le")) == "<p>naïve</p>"


def test_latin1_page_without_declaration():
    body = "<html><body><p>Le café de la gare était fermé, déjà à midi, à cause des grèves.</p></body></html>"
    assert "café" in decode_html(body.encode("latin-1"))


def test_latin1_label_decodes_as_cp1252_like_browsers():
    raw = '<meta charset="iso-8859-1"><p>\x93quoted\x94</p>'.encode("latin-1")
    assert "\u201cquoted\u201d" in decode_html(raw)


def test_wrong_declaration_falls_back():
    raw = '<meta charset="us-ascii"><p>Zürich</p>'.encode("utf-8")
    assert "Zürich" in decode_html(raw)


def test_gzip_is_unpacked():
    assert decode_html(gzip.compress(b"<p>hello</p>")) == "<p>hello</p>"


def test_corrupt_gzip_is_a_one_line_error():
    with pytest.raises(HtmlDecodeError) as err:
        decode_html(b"\x1f\x8b\x08\x00garbage")
    assert "\n" not in str(err.value)


def test_undecodable_bytes_is_a_one_line_error():
    junk = bytes(range(256)) * 4
    try:
        decode_html(junk)
    except HtmlDecodeError as err:  # charset-normalizer may or may not find an encoding
        assert "\n" not in str(err)


# ------------------------------------------------------------ looks_like_html

@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "  \n<html lang='en'><p>x</p></html>",
        "<div class='a'><p>A fragment without an html element.</p><p>Second.</p></div>",
        "<p>One paragraph</p>\n<p>Another paragraph</p>",
        "\ufeff<!doctype html>",
    ],
)
def test_html_is_recognised(text):
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "A plain article. It has two sentences.",
        "Web developers wrap blocks in a <div> element. " * 20,
        "Use <b> for bold and </b> to close it, the tutorial explained at length to the class. " * 10,
        "Prices rose 3% <in real terms> in 2023 and a < b > c holds.",
        "",
    ],
)
def test_text_is_not_html(text):
    assert not looks_like_html(text)


# ------------------------------------------------------------ extract_html

PAGE = """<!DOCTYPE html><html lang="en-US"><head>
<title>Council votes to plant 500 trees | Riverside Post</title>
<meta property="og:title" content="Council votes to plant 500 trees">
<meta property="og:site_name" content="Riverside Post">
<meta property="article:published_time" content="2021-05-04T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council votes to plant 500 trees</h1>
<p>The council voted on Monday to plant five hundred trees along the river path before the end of the year, after residents asked for more shade.</p>
<p>Work starts in September. The first trees will go in near the old mill, where the path is widest and the soil is deepest.</p>
<div class="related"><h3>Related</h3><ul><li><a href="/1">Bridge closed for repairs</a></li><li><a href="/2">New bins for the park</a></li></ul></div>
<p>Residents can suggest other streets through the council's website until the end of June, a spokesperson said.</p>
<div class="newsletter"><p>Sign up for our newsletter</p><form><input type="email"></form></div>
</article>
<footer><p>Copyright 2021 Riverside Post. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_extract_metadata_and_paragraph_order():
    got = extract_html(PAGE, url="https://riverside.example/trees")
    assert isinstance(got, HtmlExtract)
    assert got.title == "Council votes to plant 500 trees"
    assert got.date == "2021-05-04"
    assert got.sitename == "Riverside Post"
    assert got.language == "en"
    # the extraction is trafilatura's text, untouched by line rules: the headline is
    # still there, and the pipeline's structure step removes it (see below)
    lines = got.text.splitlines()
    assert lines[0] == "Council votes to plant 500 trees"
    assert [line[:8] for line in lines[1:]] == ["The coun", "Work sta", "Resident"]


def test_clean_keeps_the_paragraphs_in_order_and_names_the_headline_removal():
    article = clean(PAGE, kind="html", url="https://riverside.example/trees")
    assert article.title == "Council votes to plant 500 trees"
    assert [p[:8] for p in article.paragraphs] == ["The coun", "Work sta", "Resident"]
    assert [r.rule for r in article.removed if "500 trees" in r.text] == ["structure.title-repeat"]


def _cleaned(page: str | bytes):
    return clean(page, kind="html")


def _rule_for(article, snippet: str) -> list[str]:
    """The ids of the removals that took ``snippet`` (what ``cleaner explain`` shows)."""
    return [r.rule for r in article.removed if snippet in r.text]


@pytest.mark.parametrize("noise", ["Home", "Related", "Bridge closed", "Sign up", "All rights reserved", "Privacy"])
def test_boilerplate_is_gone(noise):
    assert noise not in extract_html(PAGE).text


@pytest.mark.parametrize("favor", ["precision", "balanced", "recall"])
def test_every_favor_keeps_the_article(favor):
    text = extract_html(PAGE, favor=favor).text
    assert "five hundred trees" in text and "old mill" in text


def test_unknown_favor_is_rejected():
    with pytest.raises(ValueError, match="favor"):
        extract_html(PAGE, favor="speed")


def test_bytes_input_and_fragment():
    got = extract_html("<p>Just one paragraph of a fragment, long enough to count as content here.</p>".encode())
    assert "Just one paragraph" in got.text
    assert got.title is None and got.language is None


def test_empty_input():
    assert extract_html("").text == ""
    assert extract_html(b"   ").text == ""


def test_result_is_picklable():
    got = extract_html(PAGE)
    assert pickle.loads(pickle.dumps(got)) == got


def test_word_in_the_body_that_looks_like_a_cue_is_kept():
    for line in (
        "Share prices of the three local nurseries rose sharply on the news, traders said on Tuesday morning.",
        "Share prices rose sharply.",
        "Comments like these, the mayor said, were unhelpful.",
    ):
        page = PAGE.replace("Work starts in September.", f"</p><p>{line}</p><p>Work starts in September.")
        assert line in _cleaned(page).text


# ------------------------------------------------------------ samples/html

SAMPLE_PAGES = sorted(SAMPLES.glob("*.html"))


def test_there_are_samples():
    assert len(SAMPLE_PAGES) >= 3


@pytest.mark.parametrize("page", SAMPLE_PAGES, ids=lambda p: p.stem)
def test_sample_metadata(page):
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = extract_html(page.read_bytes())
    assert (got.title, got.date, got.sitename) == (expected["title"], expected["date"], expected["sitename"])
    assert got.language == expected["language"]


@pytest.mark.parametrize("page", SAMPLE_PAGES, ids=lambda p: p.stem)
def test_sample_text(page):
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    text = _cleaned(page.read_bytes()).text
    assert text.startswith(expected["first_words"])
    assert text.endswith(expected["last_words"])
    for noise in expected["absent"]:
        assert noise not in text, noise
    for content in expected.get("present", []):
        assert content in text, content


def test_embedded_post_in_a_widget_wrapper_is_kept():
    embed = (
        '<div class="social-media-embed widget"><blockquote class="twitter-tweet"><p lang="en">'
        "The river path looks wonderful this morning, thank you to everyone who helped plant.</p>"
        '— A Resident (@resident) <a href="https://x.example/1">May 4, 2021</a></blockquote>'
        '<script async src="https://platform.example/widgets.js"></script></div>'
    )
    page = PAGE.replace("<p>Work starts in September.", embed + "<p>Work starts in September.")
    text = extract_html(page).text
    assert "The river path looks wonderful this morning" in text
    assert text.index("five hundred trees") < text.index("river path looks wonderful") < text.index("Work starts")


def test_a_sidebar_of_posts_is_not_promoted():
    posts = "".join(
        f'<blockquote class="twitter-tweet"><p>Unrelated promoted post number {n} about something else.</p></blockquote>'
        for n in range(4)
    )
    page = PAGE.replace("</article>", f'</article><div class="social-sidebar widget">{posts}</div>')
    assert "Unrelated promoted post" not in extract_html(page).text


def test_hover_card_inside_a_paragraph_leaves_only_the_name():
    card = (
        '<span class="person-hovercard"><a href="/p/jo">Jo Marsh</a><span class="hovercard-body">'
        '<img src="jo.jpg" alt=""><a href="/p/jo">Jo Marsh</a> <a href="/x">Other story by Jo</a> '
        '<a href="/y">Yet another story</a></span></span>'
    )
    page = PAGE.replace("The council voted on Monday", f"Councillor {card} said the council voted on Monday")
    text = extract_html(page).text
    assert "Councillor Jo Marsh said the council voted" in text
    assert "Other story by Jo" not in text


# A page whose first <article> is only the lead: trafilatura's own rules (both of
# cleaner's fast passes) stop there, its default extraction (readability/jusText
# comparison) finds the rest of the story in a second <article>.
_QUAY = [
    "Engineers found that the timber piles under the quay had rotted far faster than expected.",
    "Under the plan approved by the board, the quay will be widened by eleven metres.",
    "Local fishermen, who moor along the inner wall, were promised a temporary landing stage.",
    "The cost is put at forty-two million, of which the regional government pays about half.",
    "Residents behind the quay asked for night work to be limited, and piling will stop at seven.",
    "A public exhibition of the drawings opens at the harbour office next week.",
    "The quay was built in 1898 for the grain trade and once handled a third of the wheat exports.",
    "Its warehouses were turned into flats in the 1990s; their residents sent most objections.",
    "The new surface will be open to walkers on days when no ship is alongside, the authority said.",
    "Work on the southern half starts in March; the northern half follows a year later.",
    "Two other ports on the coast rebuilt their quays lately, and both finished late and over budget.",
    "The contract will carry penalties for delay this time, and the budget holds a reserve of a tenth.",
    "Shipping companies said the limits on draught had already cost the port two regular services.",
    "Divers who surveyed the piles last winter found some had lost half their section to shipworm.",
    "Without the rebuild the quay would have to close to all traffic within four years, a report said.",
    "Opposition councillors questioned the loan, arguing that port dues would have to rise to repay it.",
    "The authority replied that dues had not risen for six years and the new berths would pay for it.",
    "The contract goes out to tender in the new year, and a builder should be named before the summer.",
    "Until then lorries keep using the temporary road along the eastern basin.",
]
LEAD_ONLY_PAGE = (
    "<html><head><title>Old grain quay to be rebuilt | Harbour Post</title></head><body><header><nav><ul>"
    + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("Home", "News", "Port", "Business", "Sport", "Weather", "Jobs"))
    + "</ul></nav></header><section class='stage'><article class='lead'><h1>Old grain quay to be rebuilt</h1><p>"
    "The harbour authority confirmed on Thursday that the old grain quay will be rebuilt over the next three years,"
    " ending a decade of arguments about its future. The board chose the most expensive of the three designs it had"
    " studied, saying only a full rebuild would keep the coastal trade and the fishing fleet in the same basin.</p>"
    "</article></section><section class='more'><article class='story-rest'><div class='cols'>"
    + "".join(f"<p>{p}</p>" for p in _QUAY)
    + "</div></article></section><section class='cards'><h2>More from the port</h2>"
    + "".join(f"<div class='card'><h3><a href='/c{k}'>{h}</a></h3></div>" for k, h in enumerate((
        "Dredging season starts early", "Pilot boat gets a new engine", "Cruise calls up by a fifth",
        "Harbour master retires after thirty years", "Container crane sold abroad", "Night ferry returns")))
    + "</section><aside><h2>Most read</h2><ol>"
    + "".join(f"<li><a href='/m{k}'>{h}</a></li>" for k, h in enumerate((
        "Ferry timetable changes for the winter", "Storm damage closes the coast road again",
        "New head teacher for the harbour school", "Lifeboat crew called out twice in one night")))
    + "</ol></aside><footer><a href='/about'>About us</a> <a href='/privacy'>Privacy</a><p>© Harbour Post</p>"
    "</footer></body></html>"
)


@pytest.mark.parametrize("favor", ["precision", "balanced", "recall"])
def test_an_article_the_own_passes_lose_comes_from_the_default_extraction(favor):
    got = extract_html(LEAD_ONLY_PAGE, favor=favor)
    for paragraph in (_QUAY[0], _QUAY[9], _QUAY[-1]):
        assert paragraph in got.text
    if favor != "precision":  # the precision pass runs trafilatura's comparison itself
        assert got.note is not None and "default extraction" in got.note


def test_the_pipeline_keeps_the_article_the_own_passes_lose():
    article = _cleaned(LEAD_ONLY_PAGE)
    assert article.title == "Old grain quay to be rebuilt"
    assert _QUAY[0] in article.text and _QUAY[-1] in article.text
    assert "Most read" not in article.text and "Night ferry returns" not in article.text


def test_a_default_extraction_from_elsewhere_on_the_page_is_kept_beside_the_own_passes(monkeypatch):
    # the own passes kept little of a long page, and trafilatura's default
    # extraction found more text, but none of theirs: two extractions disagree
    # on where the article is, so both stay, in the page's order
    import lxml.html

    from cleaner import html

    story = "Snow on the solar panels weighs on the modules.\nExperts warn that the frames may bend."
    sidebar = "\n".join(f"Teaser number {k} about another topic entirely" for k in range(12))
    tree = lxml.html.fromstring(f"<html><body><p>{story}</p><div>{sidebar}</div></body></html>")
    monkeypatch.setattr(html, "_page_chars", lambda tree: 5000)
    monkeypatch.setattr(html, "_run", lambda passes, settings, **kw: (None, sidebar))
    passes = types.SimpleNamespace(tree=tree)
    text, note = html._fall_back(passes, story, story)
    assert text == story + "\n" + sidebar and "both are kept" in note
    # where the default extraction holds the own passes' text, it replaces it (more of the same)
    monkeypatch.setattr(html, "_run", lambda passes, settings, **kw: (None, story + "\n" + sidebar))
    text, note = html._fall_back(passes, story, None)
    assert text == story + "\n" + sidebar and "is used" in note


def test_a_page_the_passes_agree_on_runs_no_fallback():
    assert extract_html(PAGE).note is None


def test_combining_the_passes():
    from cleaner.html import _combine

    recall = "Headline\nFirst paragraph of the story.\nShort line\nSecond paragraph of the story.\nRelated: more"
    precise = "First paragraph of the story.\nSecond paragraph of the story."
    # the recall text cut to the precision pass's span, with the short line it dropped
    assert _combine(precise, recall) == ("First paragraph of the story.\nShort line\nSecond paragraph of the story.", True)
    # the precision pass elsewhere (longer than the recall text): the recall pass, and no agreement
    assert _combine(precise + "\nAnother story entirely, from a teaser box.", precise) == (precise, False)
    # a span with less than half of the recall text (indented lines make the precision
    # pass look long enough): the recall text whole
    short = "   \n        Second paragraph of the story.\n      "
    assert _combine(short, recall) == (recall, False)


def test_the_span_reaches_up_over_the_standfirst_the_precision_pass_trimmed():
    from cleaner.html import LEAD_WORDS, _combine

    standfirst = "The council says that the new bridge will cut journey times for thousands of people who drive to work."
    assert len(standfirst.split()) >= LEAD_WORDS
    body = ["The bridge opened on Tuesday after ten years of work on both banks.",
            "It cost forty million pounds, the council said on Monday evening.",
            "Traders on the south bank hope it will bring more shoppers to the market."]
    recall = "\n".join(["Council approves new bridge", "By Ann Lee", standfirst, "", *body, "Related: more"])
    text, agreed = _combine("\n".join(body), recall)
    assert agreed and text == "\n".join([standfirst, "", *body])
    # a short line right above the span (a byline, a label) stops it there
    recall = "\n".join(["Council approves new bridge", standfirst, "By Ann Lee", *body])
    assert _combine("\n".join(body), recall) == ("\n".join(body), True)


def test_page_chars_count_what_a_reader_sees():
    from cleaner.html import _page_chars, _parse

    tree = _parse("<html><head><title>T</title></head><body><script>var x = 'hidden';</script>"
                  "<style>p {}</style><p>Seen text</p>\n   <p>more</p></body></html>")
    assert _page_chars(tree) == len("Seentextmore")


@pytest.mark.parametrize(
    "closing, rule",
    [
        ("Reporting by Ann Lee; Editing by Tom Gray", "credits.closing-line"),
        ("Sam Hill contributed to this report.", "credits.closing-line"),
        ("Mit Material von dpa und AFP", "credits.closing-line"),
        ("Follow us on Twitter @riverside and on Facebook.", "credits.contact-line"),
        ("Have a tip? Jo Marsh may be reached at jo@riverside.example.", "credits.contact-line"),
    ],
)
def test_closing_credit_lines_go_and_are_explained(closing, rule):
    page = PAGE.replace('<div class="newsletter">', f"<p>{closing}</p><div class=\"newsletter\">")
    assert closing in extract_html(page).text  # the HTML step no longer removes lines
    article = _cleaned(page)
    assert closing not in article.text
    assert "Residents can suggest" in article.text
    assert _rule_for(article, closing) == [rule]


def test_a_credit_like_line_mid_article_stays():
    # credit rules look at the last lines only (within = "tail")
    line = "Reporting by Ann Lee and Tom Gray"
    more = "".join(f"<p>Paragraph {n} of the council story goes on about trees, paths and budgets.</p>" for n in range(8))
    page = PAGE.replace("<p>Work starts", f"<p>{line}</p>{more}<p>Work starts")
    assert line in _cleaned(page).text
    assert line not in _cleaned(PAGE.replace('<div class="newsletter">', f"<p>{line}</p><div>")).text


def test_a_sentence_mentioning_twitter_mid_article_stays():
    line = "The council will also follow residents' suggestions posted on Twitter during the consultation."
    page = PAGE.replace("<p>Work starts", f"<p>{line}</p><p>Work starts")
    assert line in _cleaned(page).text


@pytest.mark.parametrize(
    "cue, rule",
    [
        ("You may also like...", "related.cue-line"),
        ("À lire aussi", "related.cue-line"),
        ("[Related: Bridge closed for repairs]", "markers.en"),
        ("Tell us what you think...", "widgets.cue-action"),
        ("Filed under: Parks | Trees |", "markers.en"),
        ("Tags", "widgets.tags-line"),
        ("Lesezeit: 3 Min.", "widgets.reading-time"),
        ("No comments yet", "comments.cue-line"),
    ],
)
def test_cue_lines_go_and_are_explained(cue, rule):
    page = PAGE.replace("<p>Work starts", f"<p>{cue}</p><p>Work starts")
    article = _cleaned(page)
    assert cue not in article.text
    assert "Work starts in September" in article.text
    assert _rule_for(article, cue) == [rule]


def test_a_headline_variant_at_the_top_is_removed_as_a_title_repeat():
    page = PAGE.replace("<h1>Council votes to plant 500 trees</h1>", "<h1>Riverside council votes to plant 500 new trees</h1>")
    article = _cleaned(page)
    assert article.text.startswith("The council voted on Monday")
    assert _rule_for(article, "Riverside council votes") == ["structure.title-repeat"]


@pytest.mark.parametrize(
    "stamp", ["Updated: 4 May 2021, 09:01", "Updated: May 4, 09:01 AM ET", "Aktualisiert am 4.5. um 09:01 Uhr"]
)
def test_a_date_or_time_line_at_the_top_is_removed_as_structure(stamp):
    page = PAGE.replace("</h1>", f"</h1><p>{stamp}</p>")
    article = _cleaned(page)
    assert "09:01" not in article.text
    assert _rule_for(article, stamp) == ["structure.date-line"]


def test_a_time_further_down_stays():
    line = "Updated figures: 4 trucks, 12 volunteers, start 09:01"
    more = "".join(f"<p>Paragraph {n} of the council story goes on about trees, paths and budgets.</p>" for n in range(4))
    page = PAGE.replace("<p>Work starts", f"{more}<p>{line}</p><p>Work starts")
    assert line in _cleaned(page).text


def test_an_inline_read_also_box_does_not_end_the_article():
    box = "<p>Read also</p><p>Bridge closed for repairs: will the buses run again by June?</p>"
    page = PAGE.replace("<p>Residents can suggest", box + "<p>Residents can suggest")
    text = _cleaned(page).text
    assert "Residents can suggest" in text and "Read also" not in text


# ------------------------------------------------------------ robustness

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_markupish = st.lists(
    st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<a href='/'>", "</a>", "<br>", "&amp;", "<!--", "-->"])
    | st.text(max_size=30),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markupish)
def test_extract_never_raises_on_str(text):
    got = extract_html(text)
    assert isinstance(got.text, str)
    assert isinstance(looks_like_html(text), bool)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_decode_returns_text_or_a_clear_error(raw):
    try:
        assert isinstance(decode_html(raw), str)
    except HtmlDecodeError as err:
        assert "\n" not in str(err)


@pytest.mark.parametrize(
    "promo",
    [
        "Get the day's top headlines delivered to your inbox by subscribing to our newsletter.",
        "Melden Sie sich jetzt für unseren Newsletter an und abonnieren Sie die Morgenlage.",
    ],
)
def test_newsletter_pitch_goes_and_is_explained(promo):
    page = PAGE.replace("<p>Work starts", f"<p>{promo}</p><p>Work starts")
    article = _cleaned(page)
    assert promo not in article.text
    assert _rule_for(article, promo) == ["widgets.promo-pitch"]


def test_news_about_subscribers_stays():
    line = "The streaming service signed up ten million subscribers in its first week, the company said."
    page = PAGE.replace("<p>Work starts", f"<p>{line}</p><p>Work starts")
    assert line in _cleaned(page).text


def test_wrong_input_type_is_a_one_line_type_error():
    with pytest.raises(TypeError, match="str or bytes"):
        extract_html(42)


def _chunk(n: int) -> str:
    return (
        f'<div class="grid"><div class="body article__body">'
        f"<p>Chunk {n} opens with a sentence about the harbour accounts, which were published on Friday after months of delay.</p>"
        f"<p>Chunk {n} goes on: the figures show that the ferry lost less money than feared, mostly thanks to summer visitors, "
        f"and that repairs to the quay will be paid from reserves rather than from a new loan, the treasurer said.</p>"
        f"<p>Chunk {n} ends with the treasurer's warning that fuel prices remain the largest risk for next year's budget.</p>"
        f"</div></div>"
    )


SPLIT_PAGE = (
    "<html><head><title>Harbour accounts published</title></head><body><main><article>"
    "<h1>Harbour accounts published</h1><div class='chunks'>"
    + _chunk(1)
    + '<div class="ad-row"><span>Advertisement</span></div>'
    + _chunk(2)
    + '<div class="ad-row"><span>Advertisement</span></div>'
    + _chunk(3)
    + "</div></article></main></body></html>"
)


def test_body_split_around_ads_is_read_to_the_end():
    text = extract_html(SPLIT_PAGE).text
    assert "Chunk 1 opens" in text and "Chunk 2 goes on" in text and "Chunk 3 ends" in text
    assert text.index("Chunk 1 opens") < text.index("Chunk 2 opens") < text.index("Chunk 3 opens")


def test_reader_comments_are_not_joined_into_the_article():
    comments = "".join(
        f'<div class="comment-body"><p>Reader {n} thinks the harbour should have been sold years ago, frankly, '
        f"and says so at length in this long comment about budgets and boats and everything else.</p>"
        f"<p>Reader {n} adds a second paragraph repeating the point with more feeling and more words than needed.</p></div>"
        for n in range(3)
    )
    page = PAGE.replace("</article>", f'</article><section class="comments">{comments}</section>')
    assert "Reader 1 thinks" not in extract_html(page).text


def test_zero_width_joiners_survive_the_html_step():
    # Persian writes "زاینده‌رود" with a zero-width non-joiner; trafilatura drops
    # every non-printable character, which would glue the two words into one
    sentence = "زاینده\u200cرود این روزها بار دیگر برای چند هفته در بستر خود جاری شده است و کارشناسان می\u200cگویند."
    paragraphs = f"<p>{sentence}</p>" * 3
    page = f"<html><head><title>زاینده\u200cرود</title></head><body><article>{paragraphs}</article></body></html>"
    extract = extract_html(page)
    assert "زاینده\u200cرود" in extract.text
    assert "می\u200cگویند" in extract.text
    assert "\U00010300" not in extract.text  # no stand-in left behind
    assert extract.title == "زاینده\u200cرود"


def test_an_extracted_article_ends_at_its_end_marker_and_keeps_the_rest():
    # what the HTML step extracted is an article already: the content step
    # removes only what follows an end marker after its prose
    from cleaner import Cleaner

    article = [
        "Hokejisté Českých Budějovic v úterním utkání porazili doma brněnskou Kometu 3:2 v prodloužení.",
        "Kometa měla v úvodu utkání navrch. Už v šesté minutě otevřel skóre obránce Petr Holub, který z modré čáry propálil brankáře.",
        "Budějovice díky výhře poskočily na osmé místo tabulky. Další utkání odehrají v pátek na ledě Liberce.",
    ]
    teasers = [
        "Dynamo v přípravě remizovalo, trenér chválil mladé útočníky",
        "Fotbalisté Českých Budějovic sehráli na Kypru poslední přípravný zápas před jarní částí ligy.",
    ]
    extracted = "\n".join([*article, "Mohlo by vás zajímat", *teasers])
    cleaned = Cleaner().clean_text(extracted, extracted=True)
    assert cleaned.paragraphs == article
    assert Cleaner().clean_text("\n".join(article), extracted=True).paragraphs == article


def test_the_title_is_normalised_as_the_text_is():
    """A title from the page's metadata goes through the text's normalisation
    (here NFC: Bengali য় is U+09AF U+09BC, and a no-break space): otherwise a
    second clean, which reads the title as a line of the text, changes it."""
    from cleaner.formats import render_text

    paragraph = "<p>" + "The council said on Monday that the bridge would reopen next spring after repairs. " * 3 + "</p>"
    page = (
        "<html><head><title>Bridge\u00a0reopens in Dhaka \u09df</title></head><body><article>"
        "<h1>Bridge\u00a0reopens in Dhaka \u09df</h1>" + paragraph * 4 + "</article></body></html>"
    )
    article = clean(page, kind="html")
    assert article.title == "Bridge reopens in Dhaka \u09af\u09bc"
    emitted = render_text(article)
    assert render_text(clean(emitted)) == emitted


def test_subheadings_only_the_precision_pass_kept_go_back_into_the_recall_span():
    # trafilatura's recall pass can drop an article's subheadings where its
    # precision pass keeps them; where the two agree on the text, the recall
    # span is the answer, and the subheadings go back where they stood
    from cleaner.html import _combine

    paragraphs = [
        "Inner contentment is an important factor for a happy life, and many people look for it for years.",
        "There are many ways to raise it, and here are some tips that can help you on the way there:",
        "Set yourself clear goals and work on reaching them, one after another, without hurry.",
        "Inner contentment is the key to a fulfilled life, and it can be learnt like anything else.",
    ]
    recall = "\n".join(["Menu", *paragraphs[:3], "Photo: Jane Doe", paragraphs[3],
                        "Read next: a story from elsewhere on the site, with a summary long enough to read as prose."])
    precise = "\n".join([paragraphs[0], "How do I find inner contentment?", paragraphs[1], "10 tips:", paragraphs[2],
                         "A photo of a lake at dawn.", "Conclusion", paragraphs[3]])
    text, agreed = _combine(precise, recall)
    assert agreed
    assert text.split("\n") == [paragraphs[0], "How do I find inner contentment?", paragraphs[1], "10 tips:",
                                paragraphs[2], "Photo: Jane Doe", "Conclusion", paragraphs[3]]
