"""Cue tables for strikes, by language: who attacked, which places were aimed at, what is no war.

Each table is a list of words a linguist can review; the patterns are built from them below.
"""

from __future__ import annotations

from monitor.extract.fold import folded
from monitor.extract.lexicon import RU_SIDE, UA_SIDE

# An attack noun followed by the attacker in the genitive or after "by": "атака РФ",
# "удару росіян", "при ударе ВСУ", "attack by Russia", "Angriffe Russlands".
ATTACK_NOUN = {
    "en": ["attacks? by", "strikes? by", "shelling by", "bombardment by"],
    "de": [r"\w*angriff\w*(?: der| des| von| durch)?", r"beschuss(?: der| des| von| durch)?"],
    "uk": [r"атак\w*", r"удар\w*", r"обстріл\w*"],
    "ru": [r"атак\w*", r"удар\w*", r"обстрел\w*"],
}

# Words before the attacker of a passive or a noun: "shelled by the Russian army",
# "обстрел со стороны Вооруженных сил Украины", "Angriffe seitens der Ukraine".
AGENT = {
    "en": ["by"],
    "de": ["seitens", "durch"],
    "uk": ["з боку"],
    "ru": ["со стороны"],
}
# Verbs of harm whose subject is the attacker: "Russia killed five people in Kharkiv",
# "Russland hat ... zwei Menschen getötet".
HARM_VERB = {
    "en": ["killed", "wounded", "injured", "destroyed", "damaged"],
    "de": ["getötet", "verletzt", "getroffen", "beschädigt", "zerstört"],
    "uk": [r"вбил\w*", r"убил\w*", r"поранил\w*", r"зруйнува\w*"],
    "ru": [r"убил\w*", r"ранил\w*", r"разрушил\w*"],
}

# A side that confirms or claims a hit made it: "Генштаб ЗСУ підтвердив ураження", "the
# Ukrainian military claimed the strike".
CLAIM = {
    "en": ["confirmed", "claimed", "claims", "took responsibility for"],
    "de": [r"bestätigt\w*", r"reklamiert\w*"],
    "uk": [r"підтверди\w*", r"підтверджу\w*"],
    "ru": [r"подтверди\w*", r"подтвержда\w*"],
}
HIT_NOUN = {
    "en": [r"strikes?", r"hits?", r"attacks?"],
    "de": [r"\w*angriff\w*", r"Treffer\w*"],
    "uk": [r"уражен\w*", r"удар\w*", r"атак\w*"],
    "ru": [r"поражени\w*", r"удар\w*", r"атак\w*"],
}

# Who defends: a side word followed by one of these is the side whose air defence acted
# ("Українські сили ППО", "Russian air defence"), so the attacker is the other.
DEFENDER_NOUN = {
    "en": ["air defen[cs]es?", "anti-aircraft", "air defen[cs]e forces"],
    "de": ["Luftabwehr", "Flugabwehr", "Luftverteidigung"],
    "uk": [r"сил\w* ППО", "ППО", r"протиповітрян\w*"],
    "ru": [r"сил\w* ПВО", "ПВО", r"средств\w* ПВО", r"противовоздушн\w*"],
}
# Air defence at work, with no shoot-down verb: "mobile fire groups repelled the air attack".
DEFENCE_ACT = {
    "en": [r"repel\w*", "mobile fire groups"],
    "de": ["Abwehr", "abgewehrt"],
    "uk": [r"відбитт\w*", r"відбива\w*", r"зеніт\w*", r"мобільн\w* вогнев\w* груп\w*"],
    "ru": [r"отражени\w*", r"зенитн\w*", r"мобильн\w* огнев\w* групп\w*"],
}

# The same, only where the sentence tells weapons destroyed: an air force also attacks.
REPORTING_DEFENDER_NOUN = {
    "en": ["air force", "military", "defen[cs]e forces"],
    "de": ["Luftwaffe", "Luftstreitkräfte", "Armee", "Militär"],
    "uk": [r"Повітрян\w* сил\w*", r"Сил\w* оборони"],
    "ru": [r"Воздушн\w* сил\w*", r"военн\w*"],
}

# Words right before a place telling that weapons were only shot down there: "over Bryansk",
# "über dem Gebiet Kursk", "над Курською областю". Such a place is no target.
OVER_PLACE = {
    "en": ["over", "over the", "in the skies over", "in the airspace over", "above"],
    "de": ["über", "über dem", "über der", "über dem Gebiet", "über der Region",
           "im Luftraum über"],
    "uk": ["над", "в небі над", "у небі над"],
    "ru": ["над", "в небе над"],
}

# Words right before a place telling that weapons flew at it: "drones flying towards Moscow".
AIM_BEFORE = {
    "en": ["towards?", "headed for", "heading for", "flying to", "flying at", "aimed at",
           "targeting", "targeted", "on course for"],
    "de": ["Zielrichtung", "in Richtung", "Kurs auf", "mit Ziel"],
    "uk": [r"летіл?и? на", r"летів на", "у напрямку", "в напрямку", r"прямува\w* на", "по"],
    "ru": [r"летевш\w* на", r"летел\w* на", "в направлении", r"направлявш\w* на", "по"],
}

# The same, right before the place only: "attack on Kyiv", "Angriff auf Charkiw".
AIM_NEXT = {
    "en": ["at", "on", "against"],
    "de": ["auf", "gegen"],
    "uk": ["на місто"],
    "ru": ["на город"],
}

# A sentence that tells a place was hit, aimed at or damaged; without one, a sentence of air
# defence ("shot down 30 drones in six regions") names places that were no targets.
HIT_CUE = {
    "en": ["hit", "hits", "struck", "damaged", "damage", "targeted", "targeting",
           r"attack\w* (?:on|in|near)", r"strikes? on", "attacked", "affected", "ablaze",
           "fire broke out", "killed", "injured", "wounded", r"explosions?", r"impacts?",
           "debris fell", "landed"],
    "de": ["getroffen", "Treffer", "Schäden", "Schaden", r"beschädigt\w*",
           r"\w*Angriff\w* (?:auf|in|bei)", "betroffen", r"richtete\w* sich gegen", "angegriffen",
           "attackiert", r"Tote\w*", "getötet", r"verletzt\w*", r"Explosion\w*", r"Brand\w*",
           r"Einschl[aä]g\w*"],
    "uk": [r"влучан\w*", r"влучил\w*", r"уражен\w*", r"пошкоджен\w*", r"удар\w* по",
           r"атак\w* (?:на|в|у)", r"атакува\w*", r"загинул\w*", r"постражда\w*", r"загибл\w*",
           r"поранен\w*", r"пожеж\w*", r"вибух\w*"],
    "ru": [r"попадан\w*", r"поражен\w*", r"поврежден\w*", r"удар\w* по", r"атак\w* (?:на|в)",
           r"атакова\w*", r"погиб\w*", r"пострадал\w*", r"ранен\w*", r"пожар\w*", r"взрыв\w*",
           r"возгоран\w*"],
}

# Words before a place telling that weapons came from there: "launched from occupied Crimea",
# "з тимчасово окупованої Запорізької області", "з напрямків Міллерово, Орел".
ORIGIN = {
    "en": ["from", "from the direction of", "launched from"],
    "de": ["aus", "von", "aus Richtung"],
    "uk": ["з", "із", "зі", "з боку", "з напрямку", "з напрямків"],
    "ru": ["из", "со стороны", "с направления", "с территории"],
}

# Heads of a place's authority: "the governor of Cherkasy region", "голова Харківської ОВА";
# the place names the speaker's seat, not a target.
GOVERNOR_OF = {
    "en": ["governor of", "governors of", "mayor of", "head of", "administration of"],
    "de": ["Gouverneur", "Militärgouverneur", "Bürgermeister", "Verwaltung", "Gouverneur des",
           "Gouverneur der", "Militärgouverneur des", "Militärverwaltung des"],
    "uk": [r"голов[аиоі]\w*", r"начальник\w*", r"очільник\w*", r"мер(?:а|ом|у)?",
           r"губернатор\w*"],
    "ru": [r"губернатор\w*", r"глав[аыеу]", r"мэр\w*", r"врио губернатора"],
}
# Words that may stand between a governor and the place: "the governor of the central region of".
_REGION_WORDS = {
    "en": ["the", "central", "southern", "northern", "eastern", "western", r"south\w*",
           r"north\w*", "region", "oblast", "city", "of"],
    "de": ["des", "der", "Gebiets?", "Region", "Stadt", "Oblast"],
    "uk": [r"обл\w*", r"міськ\w*", r"військов\w*"],
    "ru": [r"обл\w*", r"городск\w*"],
}

# A capital that speaks or rules stands for its government: "Kyiv said", "Moskau meldet",
# "the Kyiv regime", "Moscow's invasion".
CAPITAL_AS_GOVERNMENT = {
    "en": [r"(?:['’]s )?(?:\w+ )?(?:ministry|government|officials|forces|army|troops|invasion|war)",
           "regime", "said", "says", "claimed", "claims", "accused", "reported",
           "announced", "denied", "has said", "had said"],
    "de": ["hat", "meldet\\w*", "erklärt\\w*", "teilte", "warf", "berichtet\\w*", "Regime",
           "bestätigt\\w*"],
    "uk": [r"заяв\w*", r"повідоми\w*", r"режим\w*"],
    "ru": [r"заяв\w*", r"сообщ\w*", r"режим\w*"],
}

# A capital that attacks stands for its state: "Moscow launched 60 drones", "Kyiv struck".
CAPITAL_ATTACKS = {
    "en": [r"(?:has |had )?(?:launched|fired|sent)",
           r"(?:has|had) (?:attacked|struck|hit|shelled)"],
    "de": [r"(?:hat |habe )?(?:griff|greift|startete|feuerte|schickte|beschoss)\w*"],
    "uk": [r"атакува\w*", r"запусти\w*", r"випусти\w*", r"вдари\w*", r"обстріля\w*"],
    "ru": [r"атаковал\w*", r"запусти\w*", r"выпусти\w*", r"ударил\w*", r"обстрелял\w*"],
}
CAPITAL_NAMES = {
    "RU": ["Moscow", "Moskau", "Москва", "Kremlin", "Kreml", "Кремль"],
    "UA": ["Kyiv", "Kiew", "Kiev", "Київ", "Киев"],
}

# Verbs that tell a strike, never a ground assault: "Ukrainian forces hit a depot",
# "нанесли массированный удар", "завдали удару".
STRIKE_VERB = {
    "en": ["hit", "struck", "shelled", "bombed", "pounded"],
    "de": ["beschossen", "bombardiert", "beschoss", "bombardierte"],
    "uk": [r"обстріля\w*", r"вдари\w*", r"завда\w* (?:\w+ )?удар\w*", r"урази\w*",
           r"уражен\w*"],
    "ru": [r"обстрелял\w*", r"ударил\w*", r"нанес\w* (?:\w+ )?удар\w*", r"поразил\w*",
           r"поражени\w*"],
}

# A sentence opening with one of these tells an earlier attack, not the item's own.
EARLIER = {
    "en": ["earlier", "previously", "last week", "last month", "in a previous attack"],
    "de": ["zuvor", "bereits zuvor", "vergangene Woche", "in der vergangenen Woche", "früher"],
    "uk": ["раніше", "напередодні", "минулого тижня"],
    "ru": ["ранее", "накануне", "на прошлой неделе"],
}

# Events that use war words outside the war: drone races, drills, films, fireworks, shows.
NOT_WAR = {
    "en": [r"drone rac\w*", r"championships?", r"tournaments?", "competition", "exercises",
           r"drills?", "films?", r"movies?", "premiere", r"documentar\w*", r"fireworks?",
           r"festivals?", "air show", "light show", "video game", "hackathon"],
    "de": [r"Drohnenrenn\w*", r"\w*meisterschaft\w*", r"Turnier\w*", r"Wettbewerb\w*",
           r"\w*übung\w*", r"Manöver\w*", r"Kinofilm\w*", r"Spielfilm\w*", "Films?",
           r"Dokumentar\w*",
           r"Feuerwerk\w*", r"Festival\w*", r"Flugshow\w*", r"Lichtshow\w*"],
    "uk": [r"чемпіонат\w*", r"змаган\w*", r"турнір\w*", r"навчання", r"фільм\w*", r"феєрверк\w*",
           r"документальн\w*",
           r"фестивал\w*", r"перегон\w*"],
    "ru": [r"чемпионат\w*", r"соревнован\w*", r"турнир\w*", r"учени[яй]", r"фильм\w*",
           r"документальн\w*",
           r"фейерверк\w*", r"фестивал\w*", r"гонк\w*"],
}


def _alternation(table: dict[str, list[str]]) -> str:
    return "|".join(word.replace(" ", r"\s+") for words in table.values() for word in words)


CLAIM_AFTER_SIDE = folded(
    rf"\s+(?:{_alternation(CLAIM)})\s+(?:[^\W\d]+\s+){{0,2}}?"
    rf"(?:{_alternation(HIT_NOUN)})(?!\w)"
)
AGENT_BEFORE_SIDE = folded(
    rf"(?<!\w)(?:{_alternation(AGENT)})\s+(?:the\s+|der\s+)?(?:[^\W\d]+\s+){{0,2}}$"
)
HARM_AFTER_SIDE = folded(
    rf"\s+(?:[^\W\d]+\s+){{0,2}}?(?:{_alternation(HARM_VERB)})(?!\w)"
    rf"|\s+(?:hat|haben)\b[^.;:]{{0,120}}?(?<!\w)(?:{'|'.join(HARM_VERB['de'])})(?!\w)"
)
AIR_DEFENCE = folded(rf"(?<!\w)(?:{_alternation(DEFENDER_NOUN)})(?!\w)")
DEFENCE_TOLD = folded(
    rf"(?<!\w)(?:{_alternation(DEFENDER_NOUN)}|{_alternation(DEFENCE_ACT)})(?!\w)"
)
SIDE_AFTER_ATTACK_NOUN = folded(
    rf"(?<!\w)(?:{_alternation(ATTACK_NOUN)})\s+(?:the\s+)?(?:(?P<ru>{RU_SIDE})|(?P<ua>{UA_SIDE}))"
)
DEFENDER_AFTER_SIDE = folded(
    rf"\s+(?:[^\W\d]+\s+){{0,2}}?(?:{_alternation(DEFENDER_NOUN)})(?!\w)"
)
REPORTING_DEFENDER_AFTER_SIDE = folded(
    rf"\s+(?:[^\W\d]+\s+){{0,2}}?(?:{_alternation(REPORTING_DEFENDER_NOUN)})(?!\w)"
)
OVER_BEFORE_PLACE = folded(rf"(?<!\w)(?:{_alternation(OVER_PLACE)})\s+$")
AIM_BEFORE_PLACE = folded(
    rf"(?<!\w)(?:(?:{_alternation(AIM_BEFORE)})\s+(?:\w+\s+){{0,3}}?|(?:{_alternation(AIM_NEXT)})\s+)$"
)
# "fired six missiles at a military airfield in Russia's Voronezh region": an aim a few words
# before the place, enough where the sentence tells no shoot-down location right before it.
AIMED_AT_NEAR_PLACE = folded(
    rf"(?<!\w)(?:{_alternation(AIM_NEXT)})\s+(?:[\w'’-]+\s+){{0,5}}?$"
)
HIT_WORD = folded(rf"(?<!\w)(?:{_alternation(HIT_CUE)})(?!\w)")
# "the governors of the Kyiv, Poltava and Kirovohrad regions": a list of seats.
_LISTED = r"[\w-]+,|[\w-]+\s+(?:and|und|та|і|и|a)"
GOVERNOR_BEFORE_PLACE = folded(
    rf"(?<!\w)(?:{_alternation(GOVERNOR_OF)})\s+(?:(?:{_alternation(_REGION_WORDS)}|{_LISTED})\s+)"
    r"{0,6}$"
)
ORIGIN_BEFORE_PLACE = folded(
    rf"(?<!\w)(?:{_alternation(ORIGIN)})\s+(?:(?:the|dem|der|{_LISTED}|[^\W\d]+)\s+){{0,4}}$"
)
GOVERNMENT_AFTER_CAPITAL = folded(
    rf"\s*(?:{_alternation(CAPITAL_AS_GOVERNMENT)}|{_alternation(CAPITAL_ATTACKS)})(?!\w)"
)
CAPITAL_ATTACKER = folded(
    rf"(?<!\w)(?:(?P<ru>{'|'.join(CAPITAL_NAMES['RU'])})|(?P<ua>{'|'.join(CAPITAL_NAMES['UA'])}))"
    rf"\s+(?:{_alternation(CAPITAL_ATTACKS)})(?!\w)"
)
STRIKE_TOLD = folded(rf"(?<!\w)(?:{_alternation(STRIKE_VERB)})(?!\w)")
EARLIER_ATTACK = folded(rf"\W*(?:{_alternation(EARLIER)})(?!\w)")
NOT_WAR_EVENT = folded(rf"(?<!\w)(?:{_alternation(NOT_WAR)})(?!\w)")
# "в Кремле/Киеве заявили": the capitals whose name may stand for a government.
CAPITALS = frozenset({"Kyiv", "Moscow"})
