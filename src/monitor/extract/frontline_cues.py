"""The words that tell a frontline claim, per language: capture, advance, repelled assault,
withdrawal, and the nouns that introduce a named settlement.

Each table entry is one word or phrase (a regular-expression fragment, matched whole and
without case); a linguist can review a language's column without reading any code. Russian
and Ukrainian verbs are listed by their finite and short-participle forms: an infinitive
("пытаясь захватить", "trying to capture") tells an aim, not a claim.
"""

from __future__ import annotations

import re
import sys

from monitor.extract.fold import folded
from monitor.extract.literals import alternation

CueTable = dict[str, tuple[str, ...]]

CAPTURE: CueTable = {
    "en": (r"(?:re)?captur(?:ed|es|ing|e)", r"seiz(?:ed|es|ing)", r"retook", r"retaken",
           r"(?:re)?took control of", r"taken control of", r"regained control",
           r"(?:took|taken|seized|gained|established|claim(?:s|ed)?)\W{0,3}(?:full\W{0,3}"
           r"|complete\W{0,3}|total\W{0,3})?control\W{0,3} (?:of|over)",
           r"(?:fully|completely|entirely|now) under (?:\w+ ){0,2}control",
           r"brought under (?:\w+ ){0,2}control",
           r"ha(?:ve|s|d) occupied", r"occupied the (?:villages?|towns?|settlements?) of",
           r"liberat(?:ed|es|ing)", r"cleared", r"fell to", r"ha(?:s|d|ve) fallen",
           r"(?:rais|hoist)(?:ed|ing) (?:the |a |their )?(?:\w+ )?flags?", r"recovered", r"took",
           r"taken"),
    "de": (r"zurückerobert\w*", r"Rückeroberung", r"erobert\w*", r"Eroberung", r"eingenommen",
           r"Einnahme", r"befreit\w*", r"nahmen", r"gesäubert",
           r"unter (?:ihre |seine |die |russische |ukrainische )?Kontrolle (?:gebracht|genommen)",
           r"(?:vollständige|volle|komplette) Kontrolle über", r"zurückgewonnen",
           r"zurückgewinn\w*", r"(?:Landes)?(?:[Ff]ahne|[Ff]lagge)\w* (?:\w+ )?gehisst"),
    "uk": (r"захопи(?:в|ла|ли|ло)", r"захоплен(?:ня|ні|о|е|а)", r"окупува(?:в|ла|ли|ло)",
           r"окупацію", r"звільни(?:в|ла|ли|ло)", r"звільнен(?:ня|ні|о|е|а)", r"взяли",
           r"відвоюва\w*", r"деокупува\w*", r"зайня(?:в|ла|ли|ло|то)",
           r"(?:повернули|відновили|відновлено|встановили|встановлено) контроль",
           r"(?:взяли|взято|узяли|узято) під (?:свій )?контроль", r"повністю під контролем",
           r"відбили (?:село|селище|місто)", r"зачистили", r"підняли (?:\w+ )?прапор\w*"),
    "ru": (r"освободи(?:л|ла|ли|ло)", r"освобожд[её]н\w*", r"освобождени\w*", r"заняли",
           r"заняла", r"захвати(?:л|ла|ли|ло)", r"захвачен(?:а|о|ы)?", r"отбили",
           r"деоккупир\w*", r"овладе(?:л|ла|ли)", r"зачистили",
           r"(?:взял|взяла|взяли|взято|взят) под (?:свой )?контроль",
           r"(?:установил|установила|установили|установлен) контроль",
           r"перешл?(?:а|и|о)? под (?:\w+ )?контроль",
           r"(?:подняли|водрузили) (?:\w+ )?флаг\w*", r"(?:полностью|целиком) под контролем"),
}
# Verbs that take many objects ("took part", "recovered bodies"): a capture only where the
# sentence also names the military.
WEAK_CAPTURE = folded(r"^(?:took|taken|recovered|cleared|nahmen|взяли|заняли|заняла|fell to)$")
# Likewise for moving in: "entered the hall", "увійшов в історію".
WEAK_ADVANCE = folded(r"^(?:entered|surrounded|увійшл\w*|вошл\w*|зашл\w*|зайшл\w*)$")
# Sport and other contests: "advanced to the final in Kharkiv".
NOT_WAR = folded(
    r"\b(?:final|semi-?finals?|quarter-?finals?|tournament|championship|match|league|Finale"
    r"|Halbfinale|Turnier|Meisterschaft)\b|(?<!\w)(?:фінал\w*|півфінал\w*|турнір\w*"
    r"|чемпіонат\w*|финал\w*|полуфинал\w*|турнир\w*|чемпионат\w*)"
)

# "almost fully captured", "частково звільнили", "a district of Pokrovsk taken": ground taken
# short of the whole settlement is an advance, whatever the verb.
SHORT_OF_CAPTURE: CueTable = {
    "en": (r"almost", r"nearly", r"partially", r"partly", r"largely", r"most of",
           r"(?:district|neighbou?rhood|part|parts|outskirts|quarter) of"),
    "de": (r"fast", r"nahezu", r"beinahe", r"teilweise", r"weitgehend", r"größtenteils",
           r"Teile?", r"Stadtteil\w*", r"Viertel"),
    "uk": (r"майже", r"частково", r"частин\w*", r"район\w*", r"околиц\w*"),
    "ru": (r"почти", r"частично", r"част\w*", r"район\w*", r"окраин\w*"),
}

ADVANCE: CueTable = {
    "en": (r"advanc\w*", r"push(?:ed|ing)? (?:toward|towards|on|into)", r"gain(?:ed|s)? ground",
           r"push(?:ed|ing)? (?:\w+\s+){0,3}?back", r"made gains", r"entered",
           r"br(?:oke|eak|eaking|oken) through", r"encircl(?:ed|ing|es|e)", r"surrounded",
           r"infiltrat\w*", r"(?:reached|on) the (?:\w+ )?(?:outskirts|edge) of",
           r"territorial gains", r"push(?:ed|ing)? (?:\w+ ){0,3}?(?:kilomet\w*|km|miles)",
           r"(?:launched|began|started|mounted) (?:an? |the |its |their )?(?:\w+ )?"
           r"(?:offensive|assault)", r"offensive (?:on|toward|towards|against)"),
    "de": (r"Vorst[oö]\w*", r"Vormarsch\w*", r"vorgerückt", r"vorrück\w*",
           r"rück\w*\s+(?:[\w-]+\s+){0,5}?vor", r"vorgedrungen", r"durchgebrochen", r"Durchbruch",
           r"durchzubrechen", r"drangen", r"eingedrungen", r"eingekesselt", r"eingekreist",
           r"umzingelt", r"Einkesselung", r"Gebietsgewinn\w*", r"Vordringen",
           r"am (?:\w+ )?(?:Stadt)?[Rr]and von",
           r"(?:Boden|Gegen)?[Oo]ffensive\b[^.]{0,60}?\b(?:gestartet|begonnen|eröffnet)"),
    "uk": (r"просува\w*", r"просунул\w*", r"прорва\w*", r"прорив\w*", r"зайшл\w*",
           r"увійшл\w*", r"увірвал\w*", r"вклинил\w*", r"інфільтрува\w*", r"оточен\w*",
           r"оточили", r"наступа(?:є|ють|ли|в|ла)", r"наступ (?:на|у напрямку)"),
    "ru": (r"продвину\w*", r"продвига\w*", r"просочил\w*", r"зашл\w*", r"вошл\w*",
           r"ворвал\w*", r"вклинил\w*", r"прорва\w*", r"прорыв\w*", r"окружен\w*",
           r"окружили", r"инфильтр\w*", r"наступа(?:ет|ют|ли|л|ла)",
           r"наступлени\w* (?:на|в направлении)"),
}

REPELLED: CueTable = {
    "en": (r"repel+ed", r"repel+ing", r"repuls\w*", r"beat back", r"beaten back", r"fended off",
           r"stopped", r"halted", r"thwarted", r"foiled"),
    "de": (r"abgewehrt", r"abgeschlagen", r"zurückgeschlagen", r"wehrt\w*", r"gestoppt",
           r"aufgehalten",
           r"abgewiesen", r"vereitelt"),
    "uk": (r"зупинил\w*", r"зупинено", r"відбил\w*", r"відбито", r"відбива\w*", r"зірвали",
           r"відкинули"),
    "ru": (r"остановил\w*", r"отбил\w*", r"отбит\w*", r"отбива\w*", r"отрази\w*", r"отраж\w*",
           r"сорвал\w*", r"отпор"),
}

ASSAULT: CueTable = {
    "en": (r"assaults?", r"attacks?", r"offensive\w*", r"counter-?attacks?", r"advances?",
           r"attempts?"),
    "de": (r"\w*[Aa]ngriff\w*", r"\w*[Ss]turm\w*", r"Vorst[oö]ß\w*", r"\w*[Aa]ttacken?"),
    "uk": (r"штурм\w*", r"\w*атак\w*", r"наступ\w*", r"спроб\w*"),
    "ru": (r"штурм\w*", r"\w*атак\w*", r"наступ\w*", r"попыт\w*"),
}

# "Ukraine's military said it had withdrawn troops from Kotlyne": ground given up is the
# other side's capture. Only with troops in the sentence (not withdrawing from a deal).
WITHDRAWAL: CueTable = {
    "en": (r"withdr(?:ew|awn|awing|aws)", r"pull(?:ed|s|ing)? (?:\w+\s+){0,2}?(?:back|out)",
           r"retreat(?:ed|s|ing)?", r"abandon(?:ed|s|ing)?"),
    "de": (r"zurückgezogen", r"zurückziehen", r"zog\w* sich\b.{0,40}?zurück", r"Rückzug",
           r"abgezogen", r"aufgegeben"),
    "uk": (r"відійшл\w*", r"відступил\w*", r"вивели", r"відведен\w*", r"залишили",
           r"виведення військ", r"вихід (?:\w+ )?з"),
    "ru": (r"отступил\w*", r"отошл\w*", r"отвели", r"оставил\w*", r"покинул\w*",
           r"вывод(?:а|у|ом|е)? войск", r"выход (?:\w+ )?из"),
}

TROOPS: CueTable = {
    "en": (r"troops", r"forces", r"units", r"military", r"army", r"soldiers", r"brigade\w*"),
    "de": (r"Truppen", r"Einheiten", r"Soldaten", r"Streitkräfte", r"Armee"),
    "uk": (r"військ\w*", r"підрозділ\w*", r"сил\w*", r"армі\w*"),
    "ru": (r"войск\w*", r"подразделени\w*", r"сил\w*", r"арми\w*"),
}

# The nouns that introduce the names of settlements: "the villages of A and B",
# "населені пункти A, B та C", "в районах населенных пунктов A и B", "Ortschaften A und B".
SETTLEMENT_NOUN: CueTable = {
    "en": (r"villages? of", r"towns? of", r"settlements? of", r"hamlets? of", r"city of"),
    "de": (r"Dorf(?:es)?", r"Dörfer(?:n)?", r"Ortschaft(?:en)?", r"Siedlung(?:en)?", r"Orte[n]?",
           r"Kleinstadt", r"Stadt"),
    "uk": (r"населен\w* пункт\w*", r"сел[оаиуі]", r"селах", r"селами", r"сіл", r"селищ\w*",
           r"міст[оаіу]", r"в районах?", r"в районі", r"у районах?", r"у районі"),
    "ru": (r"населенн?\w* пункт\w*", r"сел[оаеу]", r"селах", r"селами", r"сел",
           r"пос[её]л\w*", r"город[ае]?", r"деревн\w*", r"в районах?", r"в районе"),
}


class Cues:
    """One table's entries, searched one language column at a time: each column is short
    enough for the substring look that spares the search where none of its words occurs."""

    __slots__ = ("_columns",)

    def __init__(self, table: CueTable) -> None:
        self._columns = tuple(folded(r"(?<!\w)(?:" + "|".join(column) + r")(?!\w)")
                              for column in table.values())

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match of any column, like `re.Pattern.search`."""
        found = [m for column in self._columns if (m := column.search(text, pos, endpos))]
        return min(found, key=lambda m: m.start()) if found else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every column's matches, in the order of the text."""
        found = [m for column in self._columns for m in column.finditer(text)]
        return sorted(found, key=lambda m: m.start()) if len(self._columns) > 1 else found

    @property
    def needles(self) -> tuple[str, ...] | None:
        """Strings one of which every match of every column contains, if known."""
        found: list[str] = []
        for column in self._columns:
            if column.needles is None:
                return None
            found += column.needles
        return tuple(found)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """A match of any column starting at `pos`, like `re.Pattern.match`."""
        return next((m for column in self._columns if (m := column.match(text, pos))), None)


def compile_cues(table: CueTable) -> Cues:
    """The table's entries, each matched as a whole and regardless of case."""
    return Cues(table)


# "the captured fighters", "взятых в плен": people taken, not ground.
CAPTIVES = (r"fighters", r"soldiers", r"troops", r"servicemen", r"prisoners", r"Soldaten",
            r"Kämpfer", r"бійц\w*", r"військовослужбов\w*", r"солдат\w*", r"пленн\w*",
            r"військовополонен\w*", r"в плен", r"у полон")
# "Russian claims of capturing", "заяви Росії про окупацію", "інформація про захоплення": the
# capture is someone's claim; the side that claims it is the side of the event.
REPORTED_CLAIM = (r"claims?", r"reports?", r"information", r"Behauptung\w*", r"Berichte\w*",
                  r"Angaben", r"заяв\w*", r"інформаці\w*", r"информаци\w*", r"повідомлен\w*",
                  r"сообщени\w*", r"утвержден\w*", r"твердженн\w*")
DENIAL = (r"den(?:y|ies|ied|ying)", r"dementi\w*", r"bestr(?:eitet|itten|itt)",
          r"zurückgewiesen", r"заперечи\w*", r"заперечу\w*", r"спростов\w*", r"спростува\w*",
          r"опроверг\w*", r"не відповідає дійсності", r"не соответствует действительности",
          r"is not true", r"is false")

# "pushed Russian infiltration groups out of Kupiansk", "russische Sabotagegruppen aus Kupjansk
# vertrieben": the side expelled is the object, never the side that takes the ground.
EXPEL_BEFORE_SIDE = (r"push(?:ed|ing)?", r"dr(?:ove|iven|ive|iving)", r"clear(?:ed|ing|s)?",
                     r"expel+(?:ed|ing|s)?", r"oust(?:ed|ing|s)?", r"вибил\w*", r"выбил\w*",
                     r"витісни\w*", r"вытесни\w*", r"выдавил\w*", r"відкинули", r"отбросили")
EXPEL_AFTER_SIDE = (r"vertrieben", r"verdrängt", r"zurückgedrängt", r"hinausgedrängt")


def any_cue(*tables: Cues) -> re.Pattern[str] | None:
    """One pattern for the strings every cue of `tables` needs, as a letter tree: the first look
    at a whole item, far cheaper than each column's substring tests. None if one is unknown."""
    needles: set[str] = set()
    for table in tables:
        if (found := table.needles) is None:
            return None
        needles.update(found)
    return re.compile(alternation(sorted(needles)))

# "ворог здійснив 27 атак", "launched 31 assaults": a General Staff's count of assaults on its
# lines is of assaults it held.
COUNTED_ASSAULTS = (
    r"(?:здійсни\w*|провів|провели|предприн\w*|совершил\w*|launched|carried out|made"
    r"|unternahm\w*|führte\w*)\s+(?:\w+\s+){0,2}?\d+\s+(?:\w+\s+)?(?:атак\w*|штурм\w*"
    r"|assaults?|attacks?|Angriffe\w*|Sturmangriffe\w*)",
    # "ворог 14 разів атакував позиції", "tried 9 times to break through".
    r"\d+\s+(?:раз\w*|times|Mal)\s+(?:\w+\s+)?(?:атакува\w*|атаковал\w*|намага\w*|пытал\w*"
    r"|attacked|tried|griff\w*|versucht\w*|штурмува\w*|штурмовал\w*)",
    r"(?:атакува\w*|атаковал\w*|attacked|штурмува\w*|штурмовал\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:позиці\w*|позици\w*|positions|Stellungen)",
)
# "captured another village", "zwei Dörfer eingenommen", "захопили ще одне село": a settlement
# left unnamed is still ground taken; the event has no settlement to list.
UNNAMED_SETTLEMENT: CueTable = {
    "en": (r"(?:a|one|two|three|four|five|another|several|\d+) (?:\w+ )?(?:villages?|settlements?"
           r"|towns?|hamlets?)",),
    "de": (r"(?:ein|eine|einen|weitere\w*|zwei|drei|vier|\d+) (?:\w+ )?(?:Dorf|Dörfer|Ortschaft\w*"
           r"|Siedlung\w*)",),
    "uk": (r"(?:ще |одне |два |дві |три |\d+ )+(?:\w+ )?(?:сел[оаи]|населен\w* пункт\w*)",),
    "ru": (r"(?:ещ[её] |один |одно |два |три |\d+ )+(?:\w+ )?(?:сел[оа]|населенн?\w* пункт\w*"
           r"|деревн\w*)",),
}
