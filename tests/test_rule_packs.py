"""One generic test runs every example of every rule pack (sqlfluff style),
plus the pack loader's validation of faulty user packs."""

from __future__ import annotations

import pytest
import regex

from cleaner import Cleaner
from cleaner.rules import HEADING_KINDS, RuleError, RuleSet, check_examples, default_rules_dir, load_pack

RULESET = RuleSet.load([default_rules_dir()])


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_examples(rule):
    failures = [f for f in check_examples(RULESET) if f.rule == rule.id]
    assert not failures, "\n".join(f.describe() for f in failures)


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_rule_has_fail_and_pass_examples(rule):
    if rule.kind in HEADING_KINDS:  # it removes nothing: its examples are headings it must read as such
        assert rule.markers and not rule.fails, f"{rule.id}: a {rule.kind} rule has markers examples, no fail -> fix"
    else:
        assert rule.fails, f"{rule.id} has no fail -> fix example"
    assert rule.passes, f"{rule.id} has no pass example"
    assert rule.description and "\n" not in rule.description


def test_rule_ids_are_namespaced_by_pack():
    for pack in RULESET.packs:
        for rule in pack.rules:
            assert rule.id.split(".")[0] == pack.name


def test_check_examples_catches_a_wrong_end_marker(tmp_path):
    pack = tmp_path / "p.toml"
    pack.write_text(
        '[pack]\nname = "p"\n[[rules]]\nid = "p.more"\ndescription = "more heading"\nkind = "end_marker"\n'
        "pattern = '(?i)more news'\nmarkers = ['More news', 'Further news']\npass = ['More news later today.', 'More news']\n"
    )
    failures = check_examples(RuleSet.load([pack]))
    assert [(f.kind, f.text) for f in failures] == [("marker", "Further news"), ("pass", "More news")]


def test_user_end_marker_rule_ends_a_dumps_article(tmp_path):
    (tmp_path / "mine.toml").write_text(
        "[pack]\nname = 'mine'\n[[rules]]\nid = 'mine.elsewhere'\nkind = 'end_marker'\n"
        "description = 'our sidebar heading'\npattern = '(?i)elsewhere on the ledger'\n"
        "markers = ['Elsewhere on the Ledger']\npass = ['Elsewhere on the Ledger today, the council met.']\n"
    )
    article = [
        "The council said on Monday that the new bridge would open next spring, after two years of delays caused by the flood.",
        "It added that the cost had risen by a third since the plans were first approved in the summer of 2019.",
        "The mayor told reporters the town had waited long enough and thanked the builders for their patience.",
    ]
    teasers = [
        "Bus fares to rise in January",
        "The operator said on Monday that fares would go up by five percent from January, the first rise in years.",
    ]
    # dumped as page-to-text tools do: a block's items on lines of their own
    page = "\n\n".join(["Home\nNews\nSport", *article, "Elsewhere on the Ledger\n" + "\n".join(teasers), "About us\nContact"])
    assert all(t in Cleaner().clean(page, kind="text").text for t in teasers)  # no such heading by default
    assert Cleaner(tmp_path).clean(page, kind="text").text == "\n\n".join(article)


def test_user_section_heading_keeps_a_dumps_recipe(tmp_path):
    (tmp_path / "mine.toml").write_text(
        "[pack]\nname = 'mine'\n[[rules]]\nid = 'mine.shopping'\nkind = 'section_heading'\npart = 'ingredients'\n"
        "description = 'our recipes heading'\npattern = '(?i)your shopping list'\n"
        "markers = ['Your shopping list:']\npass = ['Your shopping list is in the app.']\n"
    )
    story = [
        "Once in a while I like to cook without meat, and this noodle dish has become our favourite on a busy weeknight.",
        "The only part that takes some time is frying the tofu until it is golden, so do that while the noodles soak.",
    ]
    items = ["1/2 block of tofu", "120g flat rice noodles", "1 tbsp minced garlic", "2 tsp dark soy sauce"]
    page = "\n\n".join(["Home\nRecipes\nAbout", *story, "Your shopping list:\n" + "\n".join(items), "About us\nContact"])
    assert not any(item in Cleaner().clean(page, kind="text").text for item in items)  # no such heading by default
    assert all(item in Cleaner(tmp_path).clean(page, kind="text").text for item in items)


@pytest.mark.parametrize("label", [
    "Read also: Bus fares to rise in January",
    "Lesen Sie auch | Busfahrpreise steigen im Januar",
    "Läs också Bussbiljetterna blir dyrare i januari",
    "Czytaj także: Ile zapłacimy za bilety w styczniu?",
    "Tags: bridge, council, transport",
    "関連記事：バス運賃、1月に値上げへ",
])
def test_a_heading_labelling_a_link_goes_from_any_text(label):
    # in a clean article too, not only in a page dump: no article holds such a line
    article = [
        "The council said on Monday that the new bridge would open next spring, after two years of delays caused by the flood.",
        "It added that the cost had risen by a third since the plans were first approved in the summer of 2019.",
    ]
    cleaned = Cleaner().clean("\n\n".join([article[0], label, article[1]]), kind="text")
    assert cleaned.text == "\n\n".join(article)
    assert [r.rule.split(".")[0] for r in cleaned.removed if r.text == label] == ["markers"]


@pytest.mark.parametrize("sentence", [
    "Read also the report the council published on Monday, which runs to forty pages.",
    "Tags were attached to every tree that the council plans to cut down this winter.",
    "Comments from residents were mostly positive, the council said.",
])
def test_a_sentence_opening_with_a_heading_stays(sentence):
    article = ["The council said on Monday that the new bridge would open next spring, after two years of delays.", sentence]
    assert Cleaner().clean("\n\n".join(article), kind="text").text == "\n\n".join(article)


def test_check_examples_catches_a_wrong_fix(tmp_path):
    pack = tmp_path / "p.toml"
    pack.write_text(
        '[pack]\nname = "p"\n[[rules]]\nid = "p.ad"\ndescription = "ad label"\nkind = "drop_line"\n'
        "pattern = 'AD'\npass = ['An ADvert line stays.']\n"
        '[[rules.fail]]\ntext = "Body.\\nAD"\nfix = "Body.\\nAD"\n'
    )
    failures = check_examples(RuleSet.load([pack]))
    assert [f.kind for f in failures] == ["fail"]


@pytest.mark.parametrize(
    "body, message",
    [
        ("[[rules]]\nid = 'Bad Id'\n", "must look like"),
        ("[[rules]]\nid = 'p.x'\nkind = 'explode'\ndescription = 'x'\npattern = 'a'\n", "kind 'explode'"),
        ("[[rules]]\nid = 'p.x'\nkind = 'drop_line'\ndescription = 'x'\npattern = '(unclosed'\n", "bad pattern regex"),
        ("[[rules]]\nid = 'p.x'\nkind = 'drop_line'\npattern = 'a'\n", "description"),
        ("[[rules]]\nid = 'p.x'\nkind = 'collapse'\ndescription = 'x'\npattern = 'a'\n", "keep"),
        ("[[rules]]\nid = 'p.x'\nkind = 'drop_line'\ndescription = 'x'\npattern = 'a'\ncolour = 1\n", "unknown keys"),
        ("this is = = not toml", "not valid TOML"),
        ("[[rules]]\nid = 'p.x'\nkind = 'drop_line'\ndescription = 'x'\npattern = 'a'\nmarkers = ['a']\n", "end_marker and section_heading rules only"),
        ("[[rules]]\nid = 'p.x'\nkind = 'section_heading'\ndescription = 'x'\npattern = 'a'\n", "needs part = one of ingredients, steps"),
        ("[[rules]]\nid = 'p.x'\nkind = 'drop_line'\ndescription = 'x'\npattern = 'a'\npart = 'steps'\n", "part applies to section_heading rules only"),
    ],
)
def test_faulty_packs_give_one_clear_line(tmp_path, body, message):
    pack = tmp_path / "user.toml"
    pack.write_text(body)
    with pytest.raises(RuleError) as info:
        load_pack(pack)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(pack) in str(info.value)


def test_duplicate_rule_ids_are_refused(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(
            "[[rules]]\nid = 'x.same'\nkind = 'drop_line'\ndescription = 'd'\npattern = 'a'\n"
        )
    with pytest.raises(RuleError, match="already defined"):
        RuleSet.load([tmp_path])


def test_user_pack_adds_to_defaults(tmp_path):
    from cleaner import Cleaner

    (tmp_path / "mine.toml").write_text(
        "[pack]\nname = 'mine'\n[[rules]]\nid = 'mine.promo'\nkind = 'drop_line'\n"
        "description = 'house promo'\npattern = '(?i)download our app.*'\n"
    )
    text = "Some headline here\n\nThe talks in Doha resumed on Tuesday, officials said.\nDownload our app today!"
    article = Cleaner(tmp_path).clean(text)
    assert "Download" not in article.text
    assert any(r.rule == "mine.promo" for r in article.removed)
    assert "Download" in Cleaner().clean(text).text


def test_site_pack_names_source_only_when_fingerprint_matches():
    from cleaner import clean

    text = "A headline for the test\n\nThe talks in Doha resumed on Tuesday, officials said in a statement."
    assert clean(text, url="https://thehill.com/policy/123").source == "The Hill"
    assert clean(text, url="https://example.org/a").source == "example.org"
    assert clean(text).source is None


# --- line options: max_words, within / within_lines --------------------------------


def _pack(tmp_path, options: str, kind: str = "drop_line"):
    pack = tmp_path / "opt.toml"
    pack.write_text(
        f"[pack]\nname = 'opt'\n[[rules]]\nid = 'opt.credit'\nkind = '{kind}'\n"
        f"description = 'a credit line'\npattern = '(?i)reporting by .*'\n{options}\n"
    )
    return RuleSet.load([pack])


BODY = "\n".join(f"Paragraph {n} of the story, which reads as ordinary prose." for n in range(8))


def _kept(ruleset, text):
    from cleaner.rules import preview

    return preview(ruleset.rules, text)


def test_max_words_spares_long_lines(tmp_path):
    ruleset = _pack(tmp_path, "max_words = 6")
    assert "Reporting by Ann Lee" not in _kept(ruleset, BODY + "\nReporting by Ann Lee")
    long = "Reporting by the agency on the strike was thin, and several of its claims were wrong."
    assert long in _kept(ruleset, BODY + "\n" + long)


@pytest.mark.parametrize("within, first_kept, last_kept", [("tail", True, False), ("head", False, True)])
def test_within_limits_a_rule_to_the_head_or_tail(tmp_path, within, first_kept, last_kept):
    ruleset = _pack(tmp_path, f"within = '{within}'\nwithin_lines = 2")
    text = "Reporting by Ann Lee\n\n" + BODY + "\n\nReporting by Tom Gray"
    kept = _kept(ruleset, text)
    assert ("Ann Lee" in kept) is first_kept
    assert ("Tom Gray" in kept) is last_kept


def test_within_counts_non_empty_lines_at_the_edges(tmp_path):
    ruleset = _pack(tmp_path, "within = 'tail'\nwithin_lines = 2")
    text = BODY + "\nReporting by Ann Lee\n\n\n\nLast paragraph of the story, which reads as prose."
    lines = __import__("cleaner.lines", fromlist=["split_lines"]).split_lines(text)
    assert ruleset.apply(text, lines).removals == ()  # edge rules wait for the article
    removals = ruleset.apply_edges(text, lines)
    assert [r.text for r in removals] == ["Reporting by Ann Lee"]
    assert all(text[r.start : r.end] == r.text for r in removals)


def test_within_tail_is_the_articles_tail_after_other_removals(tmp_path):
    # the share lines another rule drops do not push the credit out of the tail
    pack = tmp_path / "edge.toml"
    pack.write_text(
        "[pack]\nname = 'edge'\n"
        "[[rules]]\nid = 'edge.credit'\nkind = 'drop_line'\ndescription = 'a credit line'\n"
        "pattern = '(?i)reporting by .*'\nwithin = 'tail'\nwithin_lines = 2\n"
        "[[rules]]\nid = 'edge.share'\nkind = 'drop_line'\ndescription = 'a share button'\n"
        "pattern = '(?i)share on \\w+'\n"
    )
    text = BODY + "\n\nReporting by Ann Lee\n\nShare on Facebook\nShare on Twitter\nShare on Reddit"
    article = Cleaner(pack, default_rules=False).clean(text, kind="text")
    assert "Ann Lee" not in article.text and "Share on" not in article.text
    assert "edge.credit" in {r.rule for r in article.removed}
    assert "Paragraph 7 of the story" in article.text


@pytest.mark.parametrize(
    "options, message",
    [
        ("max_words = 0", "max_words must be a positive whole number"),
        ("max_words = 'five'", "max_words must be a positive whole number"),
        ("within = 'middle'", "within must be one of head, tail"),
        ("within_lines = 3", "within_lines needs within"),
        ("within = 'tail'\nwithin_lines = -1", "within_lines must be a positive whole number"),
    ],
)
def test_faulty_line_options_give_one_clear_line(tmp_path, options, message):
    with pytest.raises(RuleError) as info:
        _pack(tmp_path, options)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_line_options_on_a_span_rule_are_refused(tmp_path):
    with pytest.raises(RuleError, match="max_words applies to line kinds only"):
        _pack(tmp_path, "max_words = 5", kind="drop_span")


def test_hanging_limits_a_block_to_its_bullets(tmp_path):
    ruleset = _pack(tmp_path, "hanging = '\\s*- '", kind="drop_block")
    text = BODY + "\nReporting by the desk\n- one item\n- another item\nA short line that is no bullet\n" + BODY
    kept = _kept(ruleset, text)
    assert "item" not in kept and "A short line that is no bullet" in kept


def test_hanging_on_another_kind_is_refused(tmp_path):
    with pytest.raises(RuleError, match="hanging applies to drop_block rules only"):
        _pack(tmp_path, "hanging = '- '")


@pytest.mark.parametrize("options, kind", [("ends_article = 'yes'", "drop_line"), ("ends_article = true", "drop_span")])
def test_ends_article_is_a_boolean_on_line_rules(tmp_path, options, kind):
    with pytest.raises(RuleError, match="ends_article is true or false, on drop_line rules only"):
        _pack(tmp_path, options, kind=kind)


def test_ends_article_line_ends_the_article_in_a_page_dump():
    # a copyright footer between the article and a teaser list: the teasers go
    from cleaner import Cleaner

    article = [
        "The council voted on Tuesday to approve the long-delayed bridge over the river, ending a dispute that had lasted for almost a decade. "
        "The vote was close, and the debate before it went on until late in the evening.",
        "Supporters said the bridge would cut journey times for thousands of commuters, while opponents had argued for buses instead. "
        "They said that the money would have gone further that way, and that the town would regret it.",
        "The project will cost about 40 million pounds, most of which will come from a regional transport fund, the council said. "
        "Work is expected to begin in the spring and to take about two years, if the weather allows it.",
        "The council leader said it was a good day for the town, and that people had waited far too long for the bridge. "
        "She thanked the officials who had worked on the plans for most of the last ten years.",
        "Residents on both sides of the river were divided, with some saying that the noise of the works would be hard to bear. "
        "Others said that they had waited for a bridge since they were children and were glad to see it come at last.",
    ]
    teasers = [
        "The library will stay open until eight in the evening on weekdays after a rise in the number of visitors this year.",
        "Parking charges in the town centre are to rise again next spring, the council said, despite objections from traders.",
    ]
    page = "\n".join(["Home", "News", "Sport", "Weather", "", *article, "", "© 2024 Example Media. All rights reserved.", "", *teasers])
    cleaner = Cleaner()
    text = cleaner.clean(page, kind="text").text
    assert all(paragraph in text for paragraph in article)
    assert not any(teaser in text for teaser in teasers)
    assert "widgets.copyright-footer" in cleaner._end_rule_ids


def test_cut_tail_among_many_markers_cuts_at_the_first_with_prose_enough(tmp_path):
    # cut_tail sums the prose above and below each marker once (a running sum):
    # the answer is still the first marker with enough prose above and not too much below
    (tmp_path / "t.toml").write_text(
        '[pack]\nname = "t"\n\n[[rules]]\nid = "t.end"\ndescription = "End."\nkind = "cut_tail"\n'
        "pattern = 'Comments'\nmin_prose_before = 100\n"
    )
    from cleaner.lines import split_lines
    from cleaner.rules import apply_rule

    prose = "The council said on Monday that the bridge would open next spring, officials said."
    text = "\n".join(["Comments", prose, "Comments", prose, prose, "Comments", prose, "Comments", "Junk"])
    rule = load_pack(tmp_path / "t.toml").rules[0]
    (removal,) = apply_rule(rule, text, split_lines(text))
    assert removal.text == "Comments\n" + prose + "\nComments\nJunk"


def test_line_prose_is_is_prose():
    from cleaner.lines import Line, is_prose

    for text in ["", "Most Popular", "The Taliban and the Kabul government are far apart in talks.", "東京" * 30 + "。"]:
        line = Line(0, len(text), text)
        assert line.prose == is_prose(text) and line.prose == is_prose(text)
        assert line.stripped == text.strip() and line == Line(0, len(text), text)


# --- keywords: the line screen's shortcut for patterns that begin anywhere ------------------------

# every code point but the surrogates, as one string: a regex scans it at once
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)

TRICKY_LINES = [
    "© 2021 Example Media Group. All rights reserved.", "ALL RIGHTS RESERVED", "İNBOX: SUBSCRIBE NOW",
    "Sign up for our newsletter", "Subscribe to the NEWSLETTER today", "Copyright Example Media 2021",
    "Tous droits réservés", "ВСЕ ПРАВА ЗАЩИЩЕНЫ", "Photo: Reuters", "Advertisement", "Share this article",
    "A sentence of prose that matches no rule at all, as most lines of a page do.", "", "Comments", "Related",
]


def _example_lines(ruleset):
    texts = [e.text for r in ruleset.rules for e in r.fails] + [t for r in ruleset.rules for t in r.passes]
    return [line.strip() for text in [*texts, *TRICKY_LINES] for line in text.splitlines()]


def test_keyword_case_folding_covers_case_insensitive_matching():
    """A keyword is found in a line wherever a case-insensitive pattern matches
    it: every character the regex module's IGNORECASE takes for a character of
    a shipped keyword folds the same way (so the keywords reject no line the
    patterns alone would have matched)."""
    from cleaner.rules import fold

    chars = {c for r in RULESET.rules for k in r.keywords for c in k}
    assert chars, "no shipped rule has keywords any more: drop this test"
    for char in chars:
        for other in regex.findall(regex.escape(char), ALL_CHARS, flags=regex.IGNORECASE):
            assert fold(other) == fold(char), (char, other)


def test_shipped_keywords_are_required_by_their_patterns():
    # on every example line of every rule: a keyed rule's pattern never matches without a keyword
    from cleaner.rules import has_keyword

    for rule in (r for r in RULESET.rules if r.keywords):
        for line in _example_lines(RULESET):
            if rule.pattern.fullmatch(line):
                assert has_keyword(rule.keywords, line), (rule.id, line)


def test_screen_finds_what_each_rule_finds():
    # the combined screen plus the keyword screen give what testing every rule on every line gives
    from cleaner.lines import split_lines
    from cleaner.rules import LINE_KINDS, matches_line, window

    text = "\n".join(_example_lines(RULESET))
    lines = split_lines(text)
    expected = {}
    for rule in (r for r in RULESET.rules if r.kind in LINE_KINDS):
        hits = [i for i in window(rule, lines) if matches_line(rule, lines[i].stripped)]
        if hits:
            expected[rule.id] = hits
    assert RULESET.matched_lines(lines) == expected
    assert {"widgets.copyright-footer", "widgets.promo-pitch"} <= set(expected)


def test_keywords_skip_lines_without_them(tmp_path):
    ruleset = _pack(tmp_path, "keywords = ['REPORTING BY', 'reported by']")
    assert "Reporting by Ann Lee" not in _kept(ruleset, BODY + "\nREPORTING BY Ann Lee\nReporting by Ann Lee")
    # keywords the pattern does not need make the rule miss lines: they must be required
    ruleset = _pack(tmp_path, "keywords = ['Reuters']")
    assert "Reporting by Ann Lee" in _kept(ruleset, BODY + "\nReporting by Ann Lee")
    assert "Reporting by Reuters" not in _kept(ruleset, BODY + "\nReporting by Reuters")


@pytest.mark.parametrize("options", ["keywords = []", "keywords = 'reporting'", "keywords = ['']", "keywords = [1]"])
def test_faulty_keywords_give_one_clear_line(tmp_path, options):
    with pytest.raises(RuleError, match="keywords must be a non-empty list of non-empty strings"):
        _pack(tmp_path, options)


def test_keywords_on_a_span_rule_are_refused(tmp_path):
    with pytest.raises(RuleError, match="keywords applies to line kinds only"):
        _pack(tmp_path, "keywords = ['reporting']", kind="drop_span")


# --- the load-time lint: \p{Lu} and [A-Z] in case-insensitive patterns ---------------------------


def _rule_pack(tmp_path, pattern: str):
    pack = tmp_path / "case.toml"
    pack.write_text(
        "[pack]\nname = 'case'\n[[rules]]\nid = 'case.byline'\nkind = 'drop_line'\n"
        f"description = 'a byline'\npattern = '''{pattern}'''\n"
    )
    return pack


@pytest.mark.parametrize(
    "pattern, culprit",
    [
        (r"(?i)by \p{Lu}\w+", r"\p{Lu}"),
        (r"(?i)by [A-Z]\w+", "[A-Z]"),
        (r"by (?i:\p{Ll}+ )\w+", r"\p{Ll}"),
        (r"(?i)by (?-i:(?:the) )\p{Lu}\w+", r"\p{Lu}"),  # the (?-i: group is closed by then
    ],
)
def test_cased_class_in_a_case_insensitive_pattern_is_refused(tmp_path, pattern, culprit):
    pack = _rule_pack(tmp_path, pattern)
    with pytest.raises(RuleError) as info:
        load_pack(pack)
    message = str(info.value)
    assert "case.byline" in message and "\n" not in message
    assert f"(?-i:{culprit})" in message


@pytest.mark.parametrize(
    "pattern",
    [r"(?i)by (?-i:\p{Lu})\w+", r"(?i)by (?-i:[\p{Lu}\p{N}](?:x|y)\p{Lu})\w+", r"by \p{Lu}\w+", r"(?i)by [A-Za-z]+", r"(?i)by \\p{Lu}"],
)
def test_cased_class_kept_case_sensitive_loads(tmp_path, pattern):
    assert load_pack(_rule_pack(tmp_path, pattern)).rules[0].pattern.pattern == pattern


def test_shipped_packs_pass_the_case_lint():
    from cleaner.rules import cased_class_ignoring_case

    patterns = [p for r in RULESET.rules for p in (r.pattern, r.back_over, r.hanging) if p is not None]
    assert not [p.pattern for p in patterns if cased_class_ignoring_case(p)]
