"""Summit events: in-person meetings with a head of state or government, held or planned."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from monitor.extract.context import Findings, ItemContext, event_fields
from monitor.extract.fold import FoldedChoice
from monitor.extract.gazetteer import PersonMention, find_persons
from monitor.extract.lexicon import STRIKE_WORD
from monitor.extract.sentences import Sentence
from monitor.extract.summit_reading import (
    PARTICIPATION,
    PRONOUN_SUBJECT,
    SUMMIT_WORD,
    dateline_city,
    held_on_screens,
    is_trigger,
    is_weak,
    location_of,
    names_leaders,
    names_meeting,
    names_plan,
    participants,
    sentence_tense,
)
from monitor.model import EventKind, Person, Place, SummitEvent
from monitor.model.event import HEADLINE_FIELDS

_FORMAT_SOURCES = (
    ("Coalition of the Willing",
     r"coalition of the willing|Koalition der Willigen|коаліці\w* охочих|коалици\w* желающих"),
    ("G7", r"\bG-?7\b"),
    ("G20", r"\bG-?20\b"),
    ("NATO", r"\bNATO[- ](?:summit|Gipfel\w*|leaders)|саміт\w* НАТО|саммит\w* НАТО"),
    ("EU Council", r"\bEU[- ](?:summit|Gipfel\w*|leaders)|European Council|Europäischen Rat\w*"
                   r"|саміт\w* ЄС|саммит\w* ЕС|\bEU\b[^.;]{0,80}?\bsummit\b"
                   r"|\bEU\b[^.;]{0,80}?\bGipfel"),
    ("European Political Community", r"European Political Community|Europäische\w* Politische\w*"
                                     r" Gemeinschaft"),
    ("Weimar Triangle", r"Weimar(?:er)? (?:Triangle|Dreieck)"),
    ("BRICS", r"\bBRICS\b|БРІКС|БРИКС"),
    ("SCO", r"\bSCO\b|Shanghai Cooperation Organi[sz]ation|Shanghaier Organisation|\bSOZ\b"
            r"|\bШОС\b"),
    ("APEC", r"\bAPEC\b|\bАТЕС\b|\bАТЭС\b"),
    ("trilateral", r"\btrilateral\w*|dreiseitig\w*|тристоронн\w*"),
)
# These formats are meetings of leaders by definition, so no named head is needed.
_LEADER_FORMATS = frozenset({"Coalition of the Willing", "G7", "G20", "NATO", "EU Council",
                             "European Political Community", "BRICS", "SCO", "APEC"})
_TOPIC_SOURCES = (
    ("security guarantees", r"security guarantee\w*|Sicherheitsgarantie\w*|гаранті\w* безпеки"),
    ("troop deployment",
     r"(?:deploy\w*|send\w*|station\w*)\s+(?:\w+\s+){0,3}?troops|troops\s+(?:\w+\s+){0,3}?"
     r"(?:deploy\w*|to Ukraine)|reassurance force|multinational force|Truppen\s+(?:[\w-]+\s+){0,4}?"
     r"(?:zu\s+)?(?:entsenden|stationieren|schicken)|Truppenentsendung|Friedenstruppe\w*"
     r"|Schutztruppe\w*|розгорта\w* військ\w*|контингент\w*"),
    ("ceasefire", r"cease-?fire\w*|truce|Waffenstillstand\w*|Waffenruhe|Feuerpause|перемир\w*"),
    ("peace plan", r"peace (?:plan|deal|agreement|framework)|Friedensplan\w*|Friedensabkommen"
                   r"|мирн\w* план\w*|мирн\w* угод\w*"),
    ("sanctions", r"sanction\w*|Sanktion\w*|санкці\w*"),
    ("air defence", r"air defen[cs]e|Luftverteidigung|Flugabwehr|ППО"),
    ("reconstruction", r"reconstruction|rebuild\w*|Wiederaufbau|відбудов\w*"),
    ("territory", r"territor\w*|Gebietsabtretung\w*|Donbas\w*|територі\w*"),
    ("frozen assets", r"frozen (?:Russian )?assets|eingefroren\w* \w* ?Vermögen|reparations loan"),
    ("NATO membership", r"NATO membership|NATO-Mitgliedschaft|NATO-Beitritt|членств\w* в НАТО"),
)
_FORMATS = FoldedChoice(_FORMAT_SOURCES)
_TOPICS = FoldedChoice(_TOPIC_SOURCES)
_TOPIC_WINDOW = 3


@dataclass
class _Group:
    tense: str | None  # "held", "planned", "arrived" (held unless a plan is told), or untold
    location: Place | None
    sentences: list[Sentence] = field(default_factory=list)
    participants: list[PersonMention] = field(default_factory=list)

    @property
    def planned(self) -> bool:
        return self.tense == "planned"


@lru_cache(maxsize=1024)
def _topics_in(text: str) -> tuple[str, ...]:
    # A sentence falls in the topic window of each meeting sentence before it.
    return tuple(_TOPICS.matching(text))


def _topics(ctx: ItemContext, group: _Group, triggers: set[int]) -> list[str]:
    topics: list[str] = []
    for sentence in group.sentences:
        window = [sentence]
        for following in ctx.sentences[sentence.index + 1: sentence.index + 1 + _TOPIC_WINDOW]:
            if following.index in triggers or STRIKE_WORD.search(following.text):
                break
            window.append(following)
        for text in (s.text for s in window):
            topics += [t for t in _topics_in(text) if t not in topics]
    return topics


def _subject_before(ctx: ItemContext, sentence: Sentence) -> PersonMention | None:
    """Who "He"/"Er"/"Він" at the start of `sentence` refers to: the last head named before."""
    for earlier in reversed(ctx.sentences[:sentence.index]):
        heads = [p for p in find_persons(earlier.text) if p.is_head]
        if heads:
            return heads[0]
    return None


def _groups(ctx: ItemContext, triggers: list[Sentence]) -> list[_Group]:
    groups: list[_Group] = []
    for sentence in triggers:
        tense = sentence_tense(sentence)
        location = location_of(sentence.text)
        people = participants(sentence.text)
        if PRONOUN_SUBJECT.match(sentence.text) and (subject := _subject_before(ctx, sentence)):
            people.insert(0, subject)
        # One item tells one meeting unless it names another place: "began in Delhi ...
        # talks will follow on Friday" is one visit, held.
        fitting = [g for g in groups
                   if g.location == location or location is None or g.location is None]
        match = next((g for g in fitting if None in (g.tense, tense) or g.tense == tense),
                     None) or next(iter(fitting), None)
        if location is None and groups and is_weak(sentence.text):
            # "Gastgeber ist Starmer, auch Selenskyj wird erwartet": who hosts or is expected
            # at the meeting just told, whatever tense the sentence has.
            match = groups[-1]
            if names_plan(sentence.text):
                match.tense = "planned"
        if match is None:
            match = _Group(tense, location)
            groups.append(match)
        if match.tense in (None, "arrived") and tense in ("held", "planned"):
            match.tense = tense
        match.tense = match.tense or tense
        match.location = match.location or location
        match.sentences.append(sentence)
        match.participants += [p for p in people
                               if all(q.person != p.person for q in match.participants)]
    return groups


def _join_followers(ctx: ItemContext, group: _Group, triggers: set[int],
                    multilateral: bool) -> None:
    """People the next sentences place at the meeting ("Merz and Trump took part"); at a
    leaders' format, everyone named right after it spoke there."""
    for told in list(group.sentences):
        for sentence in ctx.sentences[told.index + 1:told.index + 3]:
            if sentence.index in triggers:
                break
            if not (multilateral or PARTICIPATION.search(sentence.text)):
                continue
            group.participants += [p for p in participants(sentence.text)
                                   if all(q.person != p.person for q in group.participants)]


def _domestic(ctx: ItemContext, group: _Group) -> bool:
    """Everyone named at the meeting, and every leader the item names, is of one country."""
    countries = {p.person.country for p in group.participants}
    if len(group.participants) < 2 or len(countries) != 1 or None in countries:
        return False
    return all(p.person.country in countries for p in find_persons(ctx.text) if p.is_head)


def _title(planned: bool, fmt: str | None, location: Place | None, people: list[Person]) -> str:
    what = f"{fmt} summit" if fmt else "Summit"
    title = f"Planned {what[0].lower() + what[1:] if not fmt else what}" if planned else what
    if location:
        title += f" in {location.name}"
    names = [p.name.split()[-1] for p in people[:5]]
    return f"{title}: {', '.join(names)}" if names else title


def extract_summits(ctx: ItemContext) -> list[SummitEvent]:
    """Held and planned summits told in the item, one per status and place."""
    if not names_meeting(ctx.text):
        return []
    triggers = [s for s in ctx.sentences if is_trigger(s)]
    trigger_ids = {s.index for s in triggers}
    events: list[SummitEvent] = []
    for group in _groups(ctx, triggers):
        text = " ".join(s.text for s in group.sentences)
        formats = _FORMATS.matching(text)
        fmt = formats[0] if formats else None
        if fmt and any(held_on_screens(s.text) and fmt in _FORMATS.matching(s.text)
                       for s in ctx.sentences):
            continue  # "the coalition of the willing video call": a meeting on screens
        _join_followers(ctx, group, trigger_ids, fmt in _LEADER_FORMATS)
        has_head = any(p.is_head for p in group.participants)
        if not has_head and not (fmt in _LEADER_FORMATS and SUMMIT_WORD.search(text)) and not (
                names_leaders(text) and not all(is_weak(s.text) for s in group.sentences)):
            continue
        if _domestic(ctx, group) and not fmt and not SUMMIT_WORD.search(text):
            continue  # "Zelensky met Sybiha": a leader and his own ministers
        if all(is_weak(s.text) for s in group.sentences) and fmt not in _LEADER_FORMATS and (
                len({p.person for p in group.participants}) < 2):
            continue
        when = ctx.when_of(group.sentences, forward=group.planned)
        planned = group.planned or when.day > ctx.anchor
        if group.location is None and not planned and not events:
            # "THE HAGUE (AP) - Leaders gathered for a summit": filed from where it is held.
            group.location = dateline_city(ctx)
        findings = Findings()
        people = [p.person for p in group.participants]
        values = {"location": group.location, "participants": people,
                  "status": "planned" if planned else "held", "format": fmt,
                  "topics": _topics(ctx, group, trigger_ids)}
        for name, value in values.items():
            if value:
                findings.set(name, value, _evidence_for(name, group, value))
        for sentence in group.sentences:
            findings.note(sentence)
        base = event_fields(ctx, EventKind.SUMMIT, len(events), findings,
                            HEADLINE_FIELDS[EventKind.SUMMIT], when,
                            _title(planned, fmt, group.location, people))
        events.append(SummitEvent(**base, **values))  # type: ignore[arg-type]
    return events


def _evidence_for(name: str, group: _Group, value: object) -> Sentence:
    for sentence in group.sentences:
        if name == "location" and isinstance(value, Place) and location_of(sentence.text) == value:
            return sentence
        if name == "participants" and find_persons(sentence.text):
            return sentence
        if name == "format" and _FORMATS.matching(sentence.text):
            return sentence
    return group.sentences[0]
