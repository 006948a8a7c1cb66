"""Per-language cue words that tie a count to its role, as data a linguist can review.

The verbs of launching and downing themselves live in `lexicon`; these are the small words
around them: auxiliaries between a fronted verb and its count ("Abgefangen wurden 110"),
conjunctions joining counts of one list ("6 Shaheds and 3 decoys"), phrases saying every weapon
counted was downed ("shot down all of them"), words that make a missile named with an article a
count of one ("a cruise missile") or no count ("debris of a missile", "a missile attack"), hits,
and the words that tell people killed or injured ("загинули", "verletzt", "получили ранения").
"""

from __future__ import annotations

AUXILIARIES = (
    "were", "was", "have been", "has been", "had been", "are", "is",
    "wurden", "wurde", "worden", "seien", "sind", "ist", "waren", "haben", "hat", "konnten",
    "було", "були", "була", "были", "был", "была", "было",
)
"""Auxiliaries between a count and its participle, or a fronted participle and its count."""

LIST_JOINERS = ("and", "und", "sowie", "plus", "as well as", "та", "і", "й", "а також", "и",
                "а также")
"""Words joining the counts of one list: counts of one kind and role in a list add up."""

ALL_OF_THEM = (
    "all of them", "all of these", "every one of them", "alle davon", "sie alle", "alle",
    "всі з них", "усі з них", "всіх їх", "усіх їх", "їх усі", "всі вони", "усі вони",
    "все из них", "все они", "их все", "всех их",
)
"""Phrases that say every weapon counted in the sentence was downed."""

BOTH = ("both", "beide", "beiden", "обидві", "обидва", "обох", "обе", "оба", "обеих")
"""Words that count two weapons, all of those told: "both missiles were shot down"."""

OF_THEM = ("of them", "of these", "davon", "von ihnen", "з них", "із них", "из них")
"""Words after a bare count that make it a part of the weapons just told: "2 davon"."""

OF_WHICH = ("of which", "of them", "von denen", "davon", "з яких", "із яких", "з них", "із них",
            "из которых", "из них")
"""Words before a count that make it a part of the weapons just told: "von denen 95"."""

ONE_ARTICLES = ("a", "an", "one", "ein", "eine", "einer", "einem", "einen")
"""English and German words that count one weapon ("a cruise missile", "mit einer Rakete")."""

SINGLE_MISSILE_NOUNS = ("missile", "rakete", "marschflugkörper", "lenkflugkörper",
                        "flugkörper")
"""Missile nouns in the singular; a plural after an article is no count."""

CYRILLIC_SINGLE_MISSILE = ("ракета", "ракету", "ракетою", "ракетой")
"""Ukrainian and Russian missile nouns whose case is singular only ("атакували ракетою", "збили
крилату ракету"): one missile. The genitive "ракети" is also a plural, so it counts nothing."""

NOT_A_WEAPON_AFTER = ("attack", "strike", "alarm", "alert", "threat", "warning", "defence",
                      "defense", "launcher", "system", "systems", "program", "programme",
                      "angriff", "alarm", "warnung", "abwehr", "-")
"""Nouns that make the missile noun before them a modifier: "a missile attack" counts nothing."""

DEBRIS_BEFORE = ("debris", "fragments", "wreckage", "parts", "remains", "trümmer", "trümmerteile",
                 "teile", "wrackteile", "уламки", "уламків", "обломки", "обломков")
"""Nouns whose object is a weapon's remains, not a weapon launched: "debris from a missile"."""

HIT_VERBS = ("hit", "hits", "struck", "strike", "strikes", "trafen", "treffen", "getroffen",
             "einschlugen", "eingeschlagen", "влучили", "влучив", "влучила", "поцілили",
             "попали", "попал", "поразили")
"""Verbs that tell a weapon's hit: "13 drones hit the city" counts hits, not a launch."""

HIT_BEFORE = ("влучання", "влучань", "попадання", "попаданий", "попадань", "hits by",
              "hits of", "hits from", "treffer von", "einschläge von")
"""Nouns of hitting before a count: "зафіксовано влучання 13 БпЛА" counts hits, not a launch."""

# Casualty cues by language; a trailing "*" stands for any ending ("загинул*": загинули,
# загинула). "after" cues follow their count ("3 people were killed", "двоє загиблих"),
# "before" cues precede it ("killing 3", "поранено 4").
KILLED_AFTER_COUNT: dict[str, tuple[str, ...]] = {
    "en": ("killed", "dead", "died", "lost their lives"),
    "de": ("starben", "getötet", "ums Leben", "sind tot", "Tote", "Toten", "Todesopfer"),
    "uk": ("загинул*", "загинув", "загиблих", "загиблі", "вбит*"),
    "ru": ("погибл*", "погиб", "погибших", "убит*"),
}
KILLED_BEFORE_COUNT: dict[str, tuple[str, ...]] = {
    "en": ("killed", "killing", "kills"),
    "de": ("tötete", "töteten", "starben"),
    "uk": ("загинул*", "загинув", "вбито", "вбили", "вбив", "вбила"),
    "ru": ("погибли", "погиб", "погибло", "убиты", "убито", "убили", "убил", "убила"),
}
INJURED_AFTER_COUNT: dict[str, tuple[str, ...]] = {
    "en": ("injured", "wounded", "hurt"),
    "de": ("verletzt*", "Verletzte*", "verwundet*"),
    "uk": ("поранен*", "постраждал*", "травмован*"),
    "ru": ("пострадал*", "ранен*", "травмирован*"),
}
INJURED_BEFORE_COUNT: dict[str, tuple[str, ...]] = {
    "en": ("injured", "injuring", "injures", "wounded", "wounding", "wounds"),
    "de": ("verletzte", "verletzten"),
    "uk": ("поранен*", "постраждал*", "травмован*", "поранил*", "поранив", "отримали поранення",
           "отримали травми"),
    "ru": ("пострадал*", "ранен*", "травмирован*", "ранил*", "получили ранения",
           "получили травмы"),
}
BETWEEN_CUE_AND_COUNT = ("another", "a further", "weitere", "ще", "еще", "до")
"""Words that may stand between a casualty cue and its count ("injuring another 4")."""

EARLIER_OPENINGS = ("earlier", "previously", "last week", "last month", "last year", "zuvor",
                    "vorher", "bereits zuvor", "in der vergangenen woche", "раніше", "перед тим",
                    "минулого тижня", "ранее", "на прошлой неделе")
"""Openings of a sentence that tells an earlier report or attack: its toll is not this one's."""

ATTACK_NOUNS = ("attack", "attacks", "assault", "angriff", "angriffe", "attacke", "атака", "атаку",
                "атакою", "атакой", "атаки")
"""Nouns of attacking whose weapons follow ("an attack by 40 drones"): those were launched."""
ATTACK_LINKS = ("by", "of", "with", "von", "mit", "durch", "з", "із", "с")
"""Prepositions that may join an attack noun to its weapons' count."""
