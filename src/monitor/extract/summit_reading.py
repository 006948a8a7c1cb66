"""Reading one summit sentence: whether it tells a meeting, in which tense, who is there and
where; its clauses keep a wish, a call or an earlier meeting apart from the meeting told."""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.extract import summit_cues as cues
from monitor.extract.context import ItemContext
from monitor.extract.fold import folded
from monitor.extract.gazetteer import PersonMention, find_persons, find_places
from monitor.extract.sentences import Sentence
from monitor.extract.summit_cues import cue_pattern
from monitor.model import Place

_MEETING = cue_pattern(cues.MEETING)
_WEAK_MEETING = cue_pattern(cues.WEAK_MEETING)
_SPECULATIVE = cue_pattern(cues.SPECULATIVE)
_ABSENT = cue_pattern(cues.ABSENT)
_WITHOUT_BEFORE = folded(
    r"(?:\bwithout|\bohne|\bneither|\bweder|(?<!\w)без|(?<!\w)ні|(?<!\w)ни)\s+(?:[\w'-]+,?\s+){0,3}$")
_REMOTE_EXCUSED = folded(r"(?:after|following|nach|nachdem|після|после)\s+(?:\w+\s+){0,3}$")
PARTICIPATION = cue_pattern(cues.PARTICIPATION)
SUMMIT_WORD = folded(r"summit|gipfel|саміт|саммит")
_REMOTE = cue_pattern(cues.REMOTE)
_DELEGATION = cue_pattern(cues.DELEGATION)
_REMOTE_MEETING = cue_pattern(cues.REMOTE_MEETING)
_LEADERS = cue_pattern(cues.LEADERS)
_TROOP_VISIT = folded(f"{cues.cue_source(cues.TROOP_VISIT)}.*{cues.cue_source(cues.TROOPS)}")
# "aid against Putin": named as the adversary, not as a guest.
_OPPOSED_BEFORE = folded(r"(?:\bagainst|\bgegen|(?<!\w)проти|(?<!\w)против)\s+(?:[\w'-]+\s+){0,3}$")
# "following Friday's summit between Trump and Putin": another, earlier meeting; "since Trump
# returned to the White House": his time in office.
_BACKGROUND_MEETING = folded(
    r"(?<!\w)(?:following|after|since|nach|seit|після|после)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:summit|meeting|talks|Treffen|\w*gipfel\w*|зустріч\w*|встреч\w*|саміт\w*|саммит\w*"
    r"|return\w*|Rückkehr|Wiedereinzug|возвращени\w*|повернен\w*)(?!\w)[^,;.]*"
)
_PLANNED = cue_pattern(cues.PLANNED)
_HELD = cue_pattern(cues.HELD)
_ARRIVED = cue_pattern(cues.ARRIVED)
# Headlines put the future in an infinitive: "Zelensky, Macron to meet in Paris on Jan. 6".
_HEADLINE_FUTURE = folded(r"\bto (?:meet|visit|host|hold talks|attend|travel|sign)\b")
PRONOUN_SUBJECT = re.compile(r"(?:He|She|Er|Sie|Він|Вона|Он|Она|The president|Der Präsident)\b")
_SPEECH = cues.cue_source(cues.SPEECH)
_SPEAKER_AFTER = folded(rf"^\W{{0,3}}(?:[\w-]+\s+){{0,2}}?(?:{_SPEECH})")
_SPEAKER_BEFORE = folded(
    rf"(?:according to|laut|zufolge|за словами|по словам|{_SPEECH})\s+(?:[\w-]+\s+){{0,3}}$")
_LOCATIVE_BEFORE = folded(
    r"(?:\bin|\bat|\bim|\bins|\bnach|\bto|\bbeim|\bin der|\bin die|\bв|\bу|\bна|\bдо)\s+"
    r"(?:the\s+|die\s+|der\s+|das\s+|den\s+)?"
    # "in Russia's resort of Sochi", "у південнокорейському місті Пусані", "в городе Казани"
    r"(?:(?:[\w'-]+\s+){0,2}?(?:city|town|resort|capital|Stadt|Kurort|Hauptstadt|місті|курорті"
    r"|столиці|городе|курорте|столице|регіоні|регионе)\s+(?:of\s+)?)?$"
)
# "since returning to the White House", "после возвращения в Белый дом": an office, no venue.
_RETURN_BEFORE = folded(
    r"(?:return\w*|Rückkehr|Wiedereinzug|возвращени\w*|вернул\w*|повернен\w*|повернув\w*)"
    r"\s+(?:\w+\s+){0,3}?(?:to|ins|in|в|у|до)\s+(?:the\s+|das\s+)?$"
)
_STATIC_BEFORE = folded(r"(?:\bin|\bat|\bim|\bв|\bу)\s+(?:the\s+)?$")
# "from Ankara, where the presidents met": the relative clause tells the venue.
_VENUE_CLAUSE_AFTER = folded(r",\s*(?:where|wo|где|де)\b")
_INSTITUTION_SPEAKS = folded(rf"\W{{0,3}}{cues.cue_source(cues.SPEECH, cues.ANNOUNCE)}")
_RELATIVE_START = folded(
    r"\s*(?:which|that|who|where|der|die|das|welche\w*|wo|який|яка|яке|які|де|который|которая"
    r"|которое|которые|где)\b")
_CLAUSE_BREAK = re.compile(r"[,;:()–—\"«»„“”]")
_DATELINE_HEAD = re.compile(
    r"\s*([A-ZÄÖÜ][\w .'-]{1,30}?)(?:,\s*[A-Z][\w .]{1,30}?)?\s*(?:\([\w -]+\)\s*)?[-–—]")


def sentence_tense(sentence: Sentence) -> str | None:
    """What a sentence's tense words tell of its meeting; both or neither tell nothing
    ("after meeting Trump, Zelensky said he will ...")."""
    text = sentence.text
    held = planned = arrived = False
    # Only the clauses that tell a meeting: "met Carney, who said Ottawa would give" is past.
    for start, end in _meeting_clauses(text):
        held = held or bool(_HELD.search(text, start, end))
        planned = planned or bool(_PLANNED.search(text, start, end))
        arrived = arrived or bool(_ARRIVED.search(text, start, end))
    planned = planned or (sentence.is_title and bool(_HEADLINE_FUTURE.search(text)))
    if held == planned:
        return "arrived" if arrived and not planned else None
    return "held" if held else "planned"


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    return list(zip(bounds, bounds[1:], strict=False))


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= position < c[1]), clauses[-1])


@lru_cache(maxsize=256)  # a trigger's tense is read again when its item's summits are grouped
def _meeting_clauses(text: str) -> tuple[tuple[int, int], ...]:
    meetings = [*_MEETING.finditer(text), *_WEAK_MEETING.finditer(text)]
    clauses = _clauses(text)
    kept = {i for i, (a, b) in enumerate(clauses) if any(a <= m.start() < b for m in meetings)}
    # "the NATO summit, which will be held in July": a relative clause tells the meeting's.
    kept |= {i + 1 for i in kept if i + 1 < len(clauses)
             and _RELATIVE_START.match(text, clauses[i + 1][0])
             and any(clauses[i][0] <= m.start() and len(text[m.end():clauses[i][1]].split()) <= 2
                     for m in meetings)}
    return tuple(clauses[i] for i in sorted(kept))


def _remote_near(text: str, start: int, end: int) -> bool:
    """A phone or video word around a meeting word, unless it only says what came before
    ("after a phone call, Trump said he would meet Putin")."""
    return _remote_in(text, max(0, start - 40), min(len(text), end + 30))


def _remote_in(text: str, start: int, end: int) -> bool:
    for remote in _REMOTE.finditer(text, start, end):
        if not _REMOTE_EXCUSED.search(text, max(0, remote.start() - 30), remote.start()):
            return True
    return False


def is_trigger(sentence: Sentence) -> bool:
    text = sentence.text
    # Meeting words first: most sentences have none, and their patterns are the cheap ones.
    # "discussed the NATO summit in Vilnius by phone": the call is no summit, the summit is one.
    meetings = [m for m in (*_MEETING.finditer(text), *_WEAK_MEETING.finditer(text))
                if not _remote_near(text, m.start(), m.end()) or SUMMIT_WORD.search(m.group())]
    if not meetings or _TROOP_VISIT.search(text):
        return False
    # "würde ich es gerne in Budapest abhalten, sagte er bei einem Treffen mit Orbán": a
    # meeting told as a wish in one clause and as a fact in another.
    clauses = _clauses(text)
    factual = [_clause_of(clauses, m.start()) for m in meetings
               if not _SPECULATIVE.search(text, *_clause_of(clauses, m.start()))]
    if len(factual) < len(meetings) and not any(
            p.is_head and any(a <= p.start < b for a, b in factual) for p in find_persons(text)):
        return False
    # "the delegations will meet in Istanbul": talks below the leaders, unless one is there.
    return not _DELEGATION.search(text) or any(
        p.is_head and not _SPEAKER_AFTER.search(text[p.end:]) for p in participants(text))


def is_weak(text: str) -> bool:
    return not any(not _remote_near(text, m.start(), m.end()) for m in _MEETING.finditer(text))


def _background_spans(text: str) -> list[tuple[int, int]]:
    """Clauses telling an earlier meeting, when the sentence tells a meeting of its own."""
    spans = [m.span() for m in _BACKGROUND_MEETING.finditer(text)]
    if not spans or not any(all(not s <= m.start() < e for s, e in spans)
                            for m in (*_MEETING.finditer(text), *_WEAK_MEETING.finditer(text))):
        return []
    return spans


def _speculative_clauses(text: str, *, of_meeting: bool = True) -> list[tuple[int, int]]:
    """Clauses that wish, offer or doubt; with `of_meeting`, only those naming a meeting
    ("Zelensky urged them to ..." still names a guest)."""
    if not _SPECULATIVE.search(text):
        return []
    return [c for c in _clauses(text) if _SPECULATIVE.search(text, *c) and (
        not of_meeting or _MEETING.search(text, *c) or _WEAK_MEETING.search(text, *c))]


def participants(text: str) -> list[PersonMention]:
    return list(_participants(text))


@lru_cache(maxsize=256)  # asked when a sentence is chosen, when grouped and for the guests
def _participants(text: str) -> tuple[PersonMention, ...]:
    kept: list[PersonMention] = []
    if _remote_in(text, 0, len(text)) and all(
            _remote_near(text, m.start(), m.end()) for m in _MEETING.finditer(text)):
        return ()  # who phoned about a summit, not who is at it
    background = _background_spans(text) + _speculative_clauses(text)
    for mention in find_persons(text):
        if (_OPPOSED_BEFORE.search(text, max(0, mention.start - 40), mention.start)
                or any(s <= mention.start < e for s, e in background)):
            continue
        speaker = _SPEAKER_AFTER.search(text[mention.end:]) or _SPEAKER_BEFORE.search(
            text[:mention.start])
        if speaker and not mention.is_head:
            continue
        # "Keir Starmer joined by video": present at the summit only on a screen.
        clause_end = re.search(r"[,;.]", text[mention.end:])
        clause = (mention.end, mention.end + (clause_end.start() if clause_end else len(text)))
        if (_remote_in(text, *clause) or _ABSENT.search(text, mention.end, mention.end + 25)
                or _WITHOUT_BEFORE.search(text, max(0, mention.start - 40), mention.start)):
            continue
        if all(k.person != mention.person for k in kept):
            kept.append(mention)
    return tuple(kept)


@lru_cache(maxsize=256)  # read when summits are grouped and again for their evidence
def location_of(text: str) -> Place | None:
    speculative = _speculative_clauses(text, of_meeting=False)
    mentions = [m for m in find_places(text) if not m.is_oblast
                # "the Kremlin said", "В Белом доме назвали": the office speaks, it hosts nothing.
                and not _INSTITUTION_SPEAKS.match(text, m.end)
                and not _RETURN_BEFORE.search(text, max(0, m.start - 50), m.start)
                and not any(a <= m.start < b for a, b in speculative)]
    venues = [m for m in mentions
              if _LOCATIVE_BEFORE.search(text, max(0, m.start - 80), m.start)
              or _VENUE_CLAUSE_AFTER.match(text, m.end)]
    # "arrives in Kyiv after talks with Erdogan in Ankara": where the talks were, if told.
    told = [m.end() for m in _MEETING.finditer(text)]
    for venue in venues:
        if _STATIC_BEFORE.search(text, max(0, venue.start - 8), venue.start) and any(
                end <= venue.start <= end + 60 for end in told):
            return venue.place
    if venues:
        return venues[0].place
    # "Der Pariser Gipfel": an attributive city name right before the summit word.
    for mention in mentions:
        if SUMMIT_WORD.match(text[mention.end:].lstrip()):
            return mention.place
    return None


def dateline_city(ctx: ItemContext) -> Place | None:
    """The city a wire story is filed from: its dateline ("THE HAGUE, Netherlands (AP) -")."""
    dateline = ctx.dateline
    if not dateline:
        lead = next((s.text for s in ctx.sentences if not s.is_title), "")
        head = _DATELINE_HEAD.match(lead)
        dateline = head.group(1) if head else ""
    cities = [m.place for m in find_places(dateline) if not m.is_oblast] if dateline else []
    return cities[0] if cities else None


def held_on_screens(text: str) -> bool:
    """A call or videoconference named as the meeting itself."""
    return bool(_REMOTE_MEETING.search(text))


def names_leaders(text: str) -> bool:
    """Leaders met as a body, named or not ("world leaders", "Staats- und Regierungschefs")."""
    return bool(_LEADERS.search(text))


def names_meeting(text: str) -> bool:
    """Any word of meeting or visit in `text`: the first look at an item."""
    return bool(_MEETING.search(text) or _WEAK_MEETING.search(text))


def names_plan(text: str) -> bool:
    """Any word of planning or future tense in `text`, in any clause."""
    return bool(_PLANNED.search(text))
