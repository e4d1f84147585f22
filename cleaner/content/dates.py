"""Date stamps: a byline's, where a run-on dump's article begins, and the
headers of comments and teasers, which a list below the article repeats
alike, one per item."""

from __future__ import annotations

import regex

from ..regex_cache import compile as cached_compile

# A comment's header, or a teaser's: a full date, maybe with a time of day
# ("November 19, 2019 at 6:34 am", "19.11.2019", "2019-11-20 17:27"), or a
# relative time ("2 days ago", "vor 3 Stunden").  One is a byline; a list
# below the article repeats them alike, one per item.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mär|mai|juin|juil|okt|dez|ene|abr|ago|dic|"
    r"set|out|fev|gen|mag|giu|lug|ott|mei|maj|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru|"
    r"oca|şub|nis|haz|tem|ağu|eyl|eki|kas|ara|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)\p{L}*\.?"
)
_DATE = (
    r"(?:\b" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\b\d{1,2}\.? " + _MONTH + r",? \d{4}"
    # numeric, day first ("19.11.2019", "5. 3. 2025" as Czech and Slovak space
    # it) or year first ("2019-11-20", Hungarian "2023.10.02.")
    r"|\b\d{1,2}(?:[./-]|\. )\d{1,2}(?:[./-]|\. )\d{2,4}|\b\d{4}-\d{2}-\d{2}|\b\d{4}\. ?\d{1,2}\. ?\d{1,2})\b"
)
_TIME_OF_DAY = r"(?:[,\s]*(?:at|um|à|às|alle|a las|в|-|\|)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?\b)"
_UNIT = (
    r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|minuten|stunden?|tagen?|wochen?|monaten?|jahren?|"
    r"heures?|jours?|semaines?|mois|ans|minutos?|horas?|días|dias|semanas|meses|años|anos|minuti|ore|giorni|"
    r"settimane|mesi|anni|минут\w*|час\w*|дн\w*|недел\w*|месяц\w*|год\w*|лет)"
)
_RELATIVE_TIME = (
    r"(?:\b\d{1,2} " + _UNIT + r" (?:ago|fa|назад)|\b(?:vor|il y a|hace|há) \d{1,2} " + _UNIT + r")\b" + _TIME_OF_DAY + "?"
)
_COMMENT_STAMP = cached_compile(_DATE + _TIME_OF_DAY + "?|" + _RELATIVE_TIME, regex.IGNORECASE)
# a date stamp, maybe with a time and a time zone, and a capital after it
# ("... By Ann Lee Nov 19, 2019, 10:31 pm CST Apple has ..."): in a run-on
# dump, where a byline ends and the article begins
_BYLINE_STAMP = _DATE + _TIME_OF_DAY + r"?(?:\s*[ap]\.?m\.?)?(?: (?-i:[A-Z]{2,4})\b)?"
_STAMP_THEN_CAPITAL = cached_compile("(" + _BYLINE_STAMP + r") (?=(?-i:[\p{Lu}\"“(]))", regex.IGNORECASE)
