"""Data-driven tests of the metadata finders: positives, negatives, languages."""

from __future__ import annotations

import json

import pytest

from cleaner import clean
from cleaner.formats import render_text
from cleaner.metadata import (
    date_of_line, detect_language, parse_date, site_of_url, source_of_line,
    split_site_suffix, wire_dateline_source,
)
from conftest import ROOT, sample_inputs

DATE_LINES = [
    ("August 13, 2021", "2021-08-13"),
    ("Published: 14 March 2022 09:31 GMT", "2022-03-14"),
    ("Updated Aug. 2, 2020 at 5:01 p.m. ET", "2020-08-02"),
    ("2019-11-19T08:15:00Z", "2019-11-19"),
    ("Veröffentlicht am 3. Mai 2021, 14:20 Uhr", "2021-05-03"),
    ("Publié le 12 février 2023 à 10h05", "2023-02-12"),
    ("12 de agosto de 2021", "2021-08-12"),
    ("By Jane Doe | 13/08/2021", "2021-08-13"),
    ("Monday, December 6, 2021", "2021-12-06"),
    ("9 lipca 2024, 10:30", "2024-07-09"),
    ("12 Ağustos 2023", "2023-08-12"),
    ("Publicerad 3 augusti 2022", "2022-08-03"),
    ("5 мая 2021", "2021-05-05"),
    ("15. října 2025 7:40", "2025-10-15"),
    ("Publicat: 16 octombrie 2025, 11:20", "2025-10-16"),
    ("Stand: 12.03.2020, 10:31 Uhr", "2020-03-12"),
    ("News date : 04/21/2022", "2022-04-21"),
    ("2025. október 17. 09:15", "2025-10-17"),
    ("19 Οκτωβρίου 2025, 09:30", "2025-10-19"),
    ("20 жовтня 2025, 12:40", "2025-10-20"),
    ("22 अक्टूबर 2025", "2025-10-22"),
    ("Oktoba 25, 2025", "2025-10-25"),
    ("28. 10. 2025 9:10", "2025-10-28"),
    ("26 d'octubre de 2025", "2025-10-26"),
    ("18. lokakuuta 2025", "2025-10-18"),
]
NOT_DATE_LINES = [
    "The deal was signed on August 13, 2021, in Doha by representatives of both parties.",
    "Khalilzad was the architect of the deal reached in February 2020.",
    "04/05/2021",  # ambiguous day and month
    "February 30, 2021",  # no such day
    "Top 10 stories of 2021",
    # a field's date (an event's, a deadline's) is the content's, not the text's
    "Termin: 21.02.2020, 19 Uhr",
    "Einsendeschluss: 03.11.2019 (Poststempel)",
    "Deadline: 15 March 2020",
]


@pytest.mark.parametrize("line, iso", DATE_LINES)
def test_date_lines(line, iso):
    assert date_of_line(line) == iso


@pytest.mark.parametrize("line", NOT_DATE_LINES)
def test_not_date_lines(line):
    assert date_of_line(line) is None


def test_parse_date_month_first_and_day_first():
    assert parse_date("12/25/2020") == "2020-12-25"
    assert parse_date("25/12/2020") == "2020-12-25"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Ferries, buses, trams: so many ways to cross the city - CBX", ("Ferries, buses, trams: so many ways to cross the city", "CBX")),
        ("Regierung plant neue Regeln | Süddeutsche Zeitung", ("Regierung plant neue Regeln", "Süddeutsche Zeitung")),
        ("Talks stall again in Doha — Example.com", ("Talks stall again in Doha", "Example.com")),
        ("Afghanistan: the war that never ended - analysis", ("Afghanistan: the war that never ended - analysis", None)),
        ("Baden-Baden hosts summit", ("Baden-Baden hosts summit", None)),
        ("Standings of the 2018 season | Racing | F1 | MotoGP", ("Standings of the 2018 season", "MotoGP")),
    ],
)
def test_site_suffix(title, expected):
    assert split_site_suffix(title) == expected
    bare = expected[0]
    assert split_site_suffix(bare) == (bare, None)  # a reported title splits to itself


@pytest.mark.parametrize(
    "line, source",
    [("SOURCE: AFP", "AFP"), ("Source: Reuters", "Reuters"), ("Quelle: dpa", "dpa"), ("The source: a man", None)],
)
def test_source_lines(line, source):
    assert source_of_line(line) == source


@pytest.mark.parametrize(
    "text, source",
    [
        ("LONDON (Reuters) - Britain's economy grew faster than expected.", "Reuters"),
        ("WASHINGTON, March 3 (AP) — The Senate voted on Tuesday.", "AP"),
        ("PARIS (AFP) – Le gouvernement a annoncé", "AFP"),
        ("WASHINGTON: The Taliban and the Kabul government are far apart.", None),
        ("The agency (AFP) said on Monday that talks stalled.", None),
    ],
)
def test_wire_datelines(text, source):
    assert wire_dateline_source(text) == source


@pytest.mark.parametrize(
    "url, site",
    [("https://www.bbc.co.uk/news/x", "bbc.co.uk"), ("http://m.example.com", "example.com"), (None, None), ("", None)],
)
def test_site_of_url(url, site):
    assert site_of_url(url) == site


@pytest.mark.parametrize(
    "text, code",
    [
        ("Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern, teilte ein Sprecher mit.", "de"),
        ("Le gouvernement a présenté mercredi un projet de loi pour prolonger le plafonnement des loyers.", "fr"),
        ("El gobierno presentó el miércoles un proyecto de ley para prolongar el control de los alquileres.", "es"),
        ("Правительство в среду представило законопроект о продлении ограничения арендной платы.", "ru"),
        ("ok", None),
        ("", None),
    ],
)
def test_language(text, code):
    assert detect_language(text) == code


def test_language_is_deterministic():
    text = "Ceasefire talks resume"
    assert len({detect_language(text * 3) for _ in range(5)}) == 1


def test_date_in_a_body_sentence_is_never_the_date():
    article = clean(
        "A headline about the talks\n\n"
        "The deal was signed on August 13, 2021, in Doha by representatives of both parties.\n\n"
        "Officials said further talks would follow in the autumn, without giving a date."
    )
    assert article.date is None


def test_source_priority_credit_line_over_url():
    text = "Some headline for the story\n\nSOURCE: AFP\n\nThe talks in Doha resumed on Tuesday, officials said."
    assert clean(text, url="https://example.com/x").source == "AFP"
    assert clean(text.replace("SOURCE: AFP\n\n", ""), url="https://example.com/x").source == "example.com"


# --- the fast langdetect Detector: the stock one's answer, to the last bit ------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner.language import _fast_detector_class, _language_factory  # noqa: E402

_WORDS = (
    "the talks in Doha resumed on Tuesday Die Gespräche wurden am Dienstag fortgesetzt "
    "les négociations ont repris mardi Переговоры возобновились во вторник "
    "交渉は火曜日に再開された 회담이 화요일에 재개되었다 Cuộc đàm phán đã nối lại vào thứ Ba "
    "المحادثات استؤنفت یکشنبه NATO USA ĐÀM PHÁN ș ț 123 , . ! https://example.com/a a@b.org"
).split()


def _probabilities(detector_class, text):
    from langdetect.lang_detect_exception import LangDetectException

    detector = detector_class(_language_factory())
    detector.append(text)
    try:
        return [(l.lang, l.prob) for l in detector.get_probabilities()], detector.langprob
    except LangDetectException as exc:
        return str(exc), None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=80).map(" ".join))
def test_fast_detector_is_langdetect(text):
    from langdetect.detector import Detector

    assert _probabilities(_fast_detector_class(), text) == _probabilities(Detector, text)


@pytest.mark.parametrize("text", ["", "   ", "A", "AB CD EF", "ab  cd", "Dương Văn Minh nói", "東京都 ひらがな カタカナ ㄅㄆ"])
def test_fast_detector_is_langdetect_on_edges(text):
    from langdetect.detector import Detector

    assert _probabilities(_fast_detector_class(), text) == _probabilities(Detector, text)


def test_a_question_an_interview_asks_every_guest_is_not_the_title():
    # printed once per guest, it repeats more often than a page prints its title
    question = "What do you like to cook for yourself on a quiet evening at home"
    lines = ["Ten home cooks you should follow", "Our pick of the year's best food writers, and their favourite dishes."]
    for name in ["Ann Lee", "Tom Gray", "Sue Park", "Raj Patel"]:
        lines += [name, question, f"{name} said it depends on the season, but soup is always a good answer."]
    assert clean("\n\n".join(lines), kind="text").title == "Ten home cooks you should follow"
    # printed twice (a tag and a headline), a line is the title
    assert clean("\n\n".join([lines[1], question, question, *lines[2:5]]), kind="text").title == question


# A page dump's first line is the page's, not the article's: its headline and
# date line stand just above the article, under menus (each case: a language's
# menu, headline, byline, date line with its ISO date, and two paragraphs).
DUMP_HEADERS = {
    "en": (["Skip to main content", "Home", "World", "Business", "Sport"],
           "Harbour ferry returns after ten years", "By Ann Lee", "Published March 3, 2021 09:31 GMT", "2021-03-03",
           ["The night ferry across the harbour returned on Monday, ten years after the last crossing, and the first "
            "boat was full within an hour of the ticket office opening.",
            "The council said the ferry would run every evening until the end of the summer, and that the fares "
            "would stay the same as they were when the service stopped."]),
    "pt": (["Pular para o conteúdo", "Início", "Esportes", "Política", "Economia"],
           "Balsa do porto volta a operar depois de dez anos", "Por Ana Souza", "segunda-feira, 22 de janeiro de 2018 às 0:13", "2018-01-22",
           ["A balsa noturna que atravessa o porto voltou a operar na segunda-feira, dez anos depois da última travessia, "
            "e o primeiro barco ficou lotado em menos de uma hora.",
            "A prefeitura disse que a balsa vai funcionar todas as noites até o fim do verão e que as tarifas continuam "
            "as mesmas de quando o serviço parou."]),
    "de": (["Zum Inhalt springen", "Startseite", "Politik", "Wirtschaft", "Sport"],
           "Die Hafenfähre fährt nach zehn Jahren wieder", "Von Anna Lehmann", "Veröffentlicht am 3. Mai 2021, 14:20 Uhr", "2021-05-03",
           ["Die Nachtfähre über den Hafen ist am Montag zurückgekehrt, zehn Jahre nach der letzten Überfahrt, und das "
            "erste Boot war nach einer Stunde ausgebucht.",
            "Die Stadt teilte mit, dass die Fähre bis zum Ende des Sommers jeden Abend fahren werde und dass die Preise "
            "dieselben blieben wie vor der Einstellung."]),
}
def page_dump(lines: list[str]) -> str:
    """A page as page-to-text tools dump it: one line per block (menu items,
    headline, paragraphs), not as paragraphs only, which reads as an article."""
    return "\n".join(lines)


DUMP_FOOTER = ["Related articles", "Bus fares to rise next year", "Road closed for repairs", "About us", "Contact", "Privacy"]


@pytest.mark.parametrize("language", sorted(DUMP_HEADERS))
@pytest.mark.parametrize("style", ["lines", "indented"])
def test_page_dump_title_and_date_are_the_articles_not_the_pages_first_line(language, style):
    menu, headline, byline, date_line, iso, paragraphs = DUMP_HEADERS[language]
    lines = [*menu, headline, byline, date_line, *paragraphs, *DUMP_FOOTER]
    if style == "indented":  # inscriptis: nested bullets and indentation
        lines = [f"  * {line}" if line in menu or line in DUMP_FOOTER else f"      {line}" for line in lines]
    article = clean(page_dump(lines), kind="text")
    assert (article.title, article.date) == (headline, iso)
    assert article.text == "\n\n".join(paragraphs)


def test_page_dump_without_a_headline_has_no_title_rather_than_its_menus():
    menu, _, _, _, _, paragraphs = DUMP_HEADERS["en"]
    article = clean(page_dump([*menu, *paragraphs, *DUMP_FOOTER]), kind="text")
    assert article.title is None
    assert article.text == "\n\n".join(paragraphs)


def test_page_title_repeated_as_the_headline_stays_the_title():
    # html-text dumps open with the page's <title>, site name and all; the headline repeats it
    menu, headline, byline, date_line, iso, paragraphs = DUMP_HEADERS["en"]
    lines = [f"{headline} | The Coastal Ledger", *menu, headline, byline, date_line, *paragraphs, *DUMP_FOOTER]
    article = clean("\n\n".join(lines), kind="text")
    assert (article.title, article.date, article.source) == (headline, iso, "The Coastal Ledger")


def test_page_title_about_the_article_is_not_replaced_by_a_label_above_its_date():
    # an html-text dump's first line is the page's <title>; a section label or
    # kicker over the date line, however much about the article, is not the title
    menu, _, byline, date_line, iso, paragraphs = DUMP_HEADERS["en"]
    page_title = "Night ferry back on the harbour after a decade | The Coastal Ledger"
    lines = [page_title, *menu, "Harbour ferry fares", byline, date_line, *paragraphs, *DUMP_FOOTER]
    article = clean("\n\n".join(lines), kind="text")
    assert (article.title, article.date) == ("Night ferry back on the harbour after a decade", iso)


def test_a_table_is_not_titled_by_its_first_row():
    # a cleaned calendar, cleaned again: its first row reads like a headline, but
    # the next row has its shape, so it is a row (and stays in the text)
    rows = ["1a etapa: 10 de março – Interlagos", "2a etapa: 8 de abril – Curitiba", "3a etapa: 22 de abril – Goiânia",
            "4a etapa: 6 de maio – Londrina", "5a etapa: 20 de maio – Santa Cruz do Sul"]
    article = clean("\n\n".join(rows), kind="text")
    assert (article.title, article.text) == (None, "\n\n".join(rows))


def test_an_articles_long_lead_sentence_is_its_first_paragraph_not_its_title():
    # an article saved without its headline opens with its lead; a sentence of
    # 25 or more words is no headline (573 of 575 real page titles hold 24 or fewer)
    lead = ("The county council agreed on Tuesday evening to close the old harbour bridge for two years, "
            "after engineers found cracks in three of its five piers during a routine inspection")
    body = ["The bridge carries about 12,000 cars a day and the council said a ferry would run in the meantime.",
            "Repairs are expected to cost about 40 million euros, a third more than the council had set aside."]
    article = clean("\n".join([lead, *body]), kind="text")
    assert article.title is None and article.text.split("\n\n")[0] == lead
    # a headline of the usual length opening the same text stays its title
    headline = "Harbour bridge to close for two years after engineers find cracks in three piers"
    assert clean("\n".join([headline, lead, *body]), kind="text").title == headline


def test_a_list_item_printed_twice_is_not_the_title():
    # an events page lists each evening's details; an item said twice is the
    # list's, not a headline repeated (it stays in the text, as its list does)
    events = ["- Venue: Market Square in the old town", "- Tickets: 44.90 euros a person, at the tourist office",
              "The first tasting of the winter starts at half past six and runs for about three hours.",
              "- Venue: Market Square in the old town", "- Tickets: 35 euros a person, at the door",
              "The second evening brings rums from six islands and a short talk on how each is made."]
    for text in ("\n\n".join(events), "\n".join(events)):  # as cleaner writes it, as an extractor does
        article = clean(text, kind="article")
        assert article.title is None or not article.title.startswith("- ")
        assert article.text.count("Venue: Market Square") == 2


def test_breadcrumb_above_the_headline_is_not_the_title():
    menu, headline, byline, date_line, iso, paragraphs = DUMP_HEADERS["en"]
    lines = [*menu, "Ferry › Harbour", headline, byline, date_line, *paragraphs, *DUMP_FOOTER]
    assert clean(page_dump(lines), kind="text").title == headline


def _vote_and_langdetect(lines: list[str]) -> tuple[str | None, str | None]:
    """What the clear vote answers for a page's lines (None when unclear), and
    what langdetect answers on the lines it would read."""
    from cleaner import language
    from cleaner.content import mentions_cookies

    sample = language.sample_lines(lines, skip=lambda text: mentions_cookies(text.lower())) or language.sample_lines(lines)
    ballot = language.vote(sample)
    return language.clear_winner(sample, ballot), detect_language("\n".join(language.langdetect_lines(sample, ballot)))


def test_a_clear_vote_answers_what_langdetect_would():
    """langdetect is not asked where the stop-word vote is clear: there it must
    agree, on our pages in 40 languages and on the seeds."""
    texts = [p.read_text() for p in sorted((ROOT / "samples" / "pages").glob("*.truth.txt"))]
    texts += [p.read_text() for p in sample_inputs("seeds")]
    answers = [_vote_and_langdetect(text.split("\n")) for text in texts]
    clear = [(vote, detected) for vote, detected in answers if vote is not None]
    assert len(clear) >= len(texts) // 2  # the shortcut is taken, not only defined
    assert [pair for pair in clear if pair[0] != pair[1]] == []


def test_a_clear_vote_agrees_with_langdetect_on_the_benchmark_dumps(shared_dir):
    dumps = json.loads((shared_dir / "bench" / "aeb" / "dumps" / "html-text.json").read_text())
    answers = [_vote_and_langdetect(text.split("\n")) for text in dumps.values()]
    clear = [(vote, detected) for vote, detected in answers if vote is not None]
    # mostly English: a short list that long ones hold much of, which wins clear of them all the same
    assert len(clear) >= len(dumps) // 2
    assert [pair for pair in clear if pair[0] != pair[1]] == []


def test_a_paragraphed_article_keeps_its_first_line_as_title_though_its_body_repeats_a_line():
    """An emitted document opens with its title; a line its body says twice (a
    link under two paragraphs) is no title. Found on unseen pages: cleaned
    again, such documents lost their title to the repeated line."""
    from cleaner.formats import render_text

    text = (
        "Bridge reopens after two years of repairs\n\n"
        "The council said on Monday that the bridge would reopen next spring after the long repairs.\n\n"
        "More about the harbour bridge here\n\n"
        "It added that the cost had risen by a third since the plans were first approved in 2019.\n\n"
        "More about the harbour bridge here"
    )
    article = clean(text)
    assert article.title == "Bridge reopens after two years of repairs"
    assert article.text.count("More about the harbour bridge here") == 2
    emitted = render_text(article)
    assert render_text(clean(emitted)) == emitted


def test_an_article_of_long_paragraphs_is_no_flattened_page(monkeypatch):
    """Paragraphs of 1,000 characters each, most of the text: a page flattened
    onto run-on lines by that measure, but written as cleaner writes its output
    (no line longer than it writes one), so the detector takes it for an
    article, as it takes any paragraphed text. Found on unseen pages: cleaned
    again, such documents went the page path and lost their opening lines."""
    import cleaner.pipeline as pipeline
    from cleaner.formats import render_text

    seen = {}
    detect = pipeline.detect

    def spy(texts, **options):
        seen.update(options)
        return detect(texts, **options)

    monkeypatch.setattr(pipeline, "detect", spy)
    sentence = "The committee met again on Tuesday to discuss the plans for the old harbour district. "
    opening = ["City", "30.11. | Town hall", "A. Writer (ed.) • 1619"]  # more than a caption's two lines
    text = "Harbour plans return to the committee\n\n" + "\n\n".join(
        opening + [f"Part {k}. " + sentence * 12 for k in range(1, 5)]
    )
    article = clean(text)
    assert seen["paragraphs"] is True
    assert article.title == "Harbour plans return to the committee"
    assert article.paragraphs[:3] == opening and len(article.paragraphs) == 7
    emitted = render_text(article)
    assert render_text(clean(emitted)) == emitted
    # a page flattened onto longer lines than cleaner writes stays a run-on page
    clean("Home News Sport Weather. " + sentence * 40 + "\n\n" + sentence * 40)
    assert seen["paragraphs"] is False


def test_an_articles_dated_title_stays_its_title_when_cleaned_again():
    # cleaner writes the page's title on the first line; a title that names a
    # dated document is no header date line there, so the second clean keeps it
    body = ("Zeit und Ort: 15.00 bis 16.45 im Vereinslokal, alle Mitglieder des Vorstands waren anwesend.\n\n"
            "Der Vorstand beschliesst, die Beiträge für das kommende Jahr nicht zu erhöhen und die Rechnung zu prüfen.")
    for title in ("Protokoll der Vorstandssitzung vom 10. Oktober 2019", "Blogposting 01/23/2020"):
        text = f"{title}\n\n{body}\n"
        article = clean(text)
        assert article.title == title
        assert render_text(article) == text
    # a date line with only a label or a byline around the date is still one
    dated = clean("Published on March 3, 2021\n\n" + body)
    assert dated.title is None and dated.date == "2021-03-03"


def test_a_headline_variant_under_a_kicker_goes_in_the_first_clean_as_in_the_second():
    html = ("<html><head><title>Bundesliga: Dortmund gegen Gladbach live sehen!</title></head><body><article>"
            "<p>Fussball heute im TV: Dortmund gegen Gladbach</p>"
            "<p>Borussia Dortmund gegen Borussia Mönchengladbach verfolgen Sie live beim Sender Sky. Anpfiff ist um "
            "18:30 Uhr, und durch die Vorberichte führt der Moderator mit seinem Experten ab 17:30 Uhr.</p>"
            "<p>» Zum Angebot: Borussia Dortmund gegen Gladbach bei Sky gucken</p>"
            "<h2>Bundesliga live: Dortmund gegen Gladbach</h2>"
            + "".join(f"<p>Langsam wächst der Druck auf die Dortmunder, die am {n}. Spieltag auf den achten Platz "
                      "der Tabelle abgerutscht sind, und selbst ein Sieg im Topspiel hilft ihnen wenig.</p>" for n in range(5, 9))
            + "</article></body></html>")
    once = render_text(clean(html, kind="html"))
    assert render_text(clean(once)) == once


def test_an_extracted_article_is_judged_as_it_will_be_written():
    # a page that flattens its article onto one line of thousands of characters:
    # the output breaks it at sentence ends, and the end-of-article heading then
    # on a line of its own ends the article in the first clean as in the second
    places = ["Hafen", "Bahnhof", "Markt", "Rathaus", "Stadion", "Museum", "Theater", "Flughafen", "Park", "Schloss"]
    sentences = " ".join(f"Der Rat hat über die neue Brücke am {a} beraten, deren Bau sich seit Jahren verzögert, "
                         f"und auch über den Weg zum {b} gesprochen." for a in places for b in places[:4])
    html = (f"<html><head><title>Die Brücke kommt später</title></head><body><article><p>{sentences} | | | "
            "Mehr zum Thema Neue Fähre für den Hafen | Top-15 meist-gelesen |</p></article></body></html>")
    once = render_text(clean(html, kind="html"))
    assert "Mehr zum Thema" not in once
    assert render_text(clean(once)) == once


def test_a_date_line_is_looked_for_in_the_header_the_emitted_document_shows():
    # the first clean's window held a repeated headline and two captions that the
    # emitted document no longer has; a second clean sees the date line inside
    # its window, so the first clean looks there again once the captions are gone
    from cleaner.lines import split_lines
    from cleaner.pipeline import Hints, find_structure

    prose = [f"Der Rat hat am Montag über die Brücke Nummer {n} beraten, deren Bau sich seit Jahren verzögert." for n in range(7)]
    text = "\n".join(["Die Brücke kommt später", "Foto: Stadt", "Der Blick vom Ufer", *prose, "Stand: 27. Mai 2013", "Sprache: Deutsch"])
    found = find_structure(split_lines(text), Hints(title="Die Brücke kommt später"), title_above=True)
    assert [(r.rule, r.text) for r in found.removals if r.rule == "structure.date-line"] == [
        ("structure.date-line", "Stand: 27. Mai 2013")]


def test_an_emitted_articles_lines_above_a_title_found_further_down_are_read_under_it():
    # a page dump's article whose title is found on its second line (the repeated
    # headline): the emitted document prints the title first, so the short line
    # above it stands under it there, where a second clean reads it as a caption
    from cleaner.lines import split_lines
    from cleaner.pipeline import Hints, find_structure

    paragraphs = [
        "Photo: Jane Roe", "Council approves the new bridge", "Council approves the new bridge",
        "The city council voted on Tuesday to approve the long-delayed bridge over the river, ending a dispute "
        "that had lasted for almost a decade.",
        "Supporters said the bridge would cut journey times for thousands of commuters, while opponents had "
        "argued that the money should have been spent on buses.",
    ]
    lines = split_lines("\n\n".join(paragraphs))
    as_page = {r.text: r.rule for r in find_structure(lines, Hints()).removals}
    as_emitted = {r.text: r.rule for r in find_structure(lines, Hints(), emitted=True).removals}
    assert "Photo: Jane Roe" not in as_page  # on a page, what is above its title is the page's
    assert as_emitted["Photo: Jane Roe"] == "structure.caption"


@pytest.mark.parametrize("salutation", ["Liebe Leserinnen und Leser,", "Dear readers,", "Hi everyone,"])
def test_a_salutation_under_the_title_is_not_a_caption(salutation):
    # a short line between the title and the prose goes as a caption, unless it
    # leads into what follows: a colon, a dash, or a letter's comma
    text = "\n\n".join([
        "Time to say goodbye",
        salutation,
        "After seven years of writing this blog I have decided to stop, and the archive will stay online for a while.",
        "Thank you for reading, for every comment and for every mail you sent me over all these years.",
    ])
    article = clean(text, kind="text")
    assert salutation in article.text
    photo = clean(text.replace(salutation, "The author at his desk in 2015"), kind="text")
    assert "structure.caption" in {r.rule for r in photo.removed}


@pytest.mark.parametrize("dek", [
    "Do you know it too?",
    "You will never cut them any other way again!",
    'Minister: "Every parish must have someone to talk to"',
    "Minister: “Every parish must have someone to talk to”",
])
def test_a_question_an_exclamation_or_a_quote_under_the_title_is_not_a_caption(dek):
    # a photo's caption describes or credits it, as a statement; a line under
    # the title that asks, exclaims or quotes is the article's dek
    text = "\n\n".join([
        "How to cut tomatoes",
        dek,
        "You want to cut tomatoes into slices because you want to lay them out nicely on a plate for your guests.",
        "Then you take a sharp knife, and the juice runs out all over the board, and the slices fall apart.",
    ])
    assert dek in clean(text, kind="text").text
    photo = clean(text.replace(dek, "Tomatoes on a wooden board in the kitchen"), kind="text")
    assert "structure.caption" in {r.rule for r in photo.removed}
