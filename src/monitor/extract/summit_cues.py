"""Summit cue words per language: meeting, visit, plan, held, doubt, absence and remote cues.

Each table lists words a linguist can review: "*" stands for any ending ("зустр*" is зустріч,
зустрічі, зустрілися), a space for any run of spaces. Cyrillic entries take a stem, so that every
case and tense form matches; English and German list their forms.
"""

from __future__ import annotations

import re

from monitor.extract.fold import Folded, folded

CueTable = dict[str, tuple[str, ...]]

# A meeting of leaders told as one: "met", "Treffen", "зустрілися", "переговоры".
MEETING: CueTable = {
    "en": ("summit*", "met", "meet", "meets", "meeting", "talks", "host", "hosts", "hosted",
           "hosting", "joins", "joined", "convene", "convened", "convenes", "received",
           "receives", "welcomed", "welcomes", "gathered", "gather", "attended", "attends"),
    "de": ("*gipfel*", "Treffen", "trifft", "traf", "trafen", "getroffen", "empfängt",
           "empfing", "empfangen", "Gespräche", "zusammenkommen", "zusammengekommen",
           "zusammentreffen", "zusammengetroffen", "kamen", "kommen", "Spitzentreffen",
           "beraten", "berieten", "Beratungen", "Unterredung"),
    "uk": ("зустр*", "саміт*", "переговор*", "прийня*", "прийме", "приймуть"),
    "ru": ("встреч*", "встрет*", "саммит*", "переговор*", "принял*", "встречи в верхах",
           "примет", "примут"),
}
# Leaders met as a body, unnamed: "the leaders of Ukraine's allies will meet in Ramstein".
LEADERS: CueTable = {
    "en": ("world leaders", "European leaders", "EU leaders", "allied leaders", "leaders of",
           "heads of state"),
    "de": ("Staats- und Regierungschefs", "Staatschefs", "Regierungschefs"),
    "uk": ("лідери країн", "лідерів країн", "світові лідери", "європейські лідери",
           "глави держав"),
    "ru": ("лидеры стран", "лидеров стран", "мировые лидеры", "европейские лидеры",
           "главы государств"),
}
# Visits and attendance make a summit only when two leaders, or a leaders' format, are named.
WEAK_MEETING: CueTable = {
    "en": ("visit*", "travel*", "arrived", "arrives", "took part", "sidelines", "consultations"),
    "de": ("besuch*", "gereist", "reiste*", "reisen", "reist", "eingetroffen", "nahm* teil",
           "teilgenommen", "Gastgeber*", "am Rande", "bei", "Visite", "Staatsbesuch*"),
    "uk": ("візит*", "прибу*", "прилеті*", "прилети*", "вируши*"),
    "ru": ("визит*", "прибы*", "прибуд*", "прилете*", "прилет*", "отправи*"),
}
# "a meeting is possible", "ready to meet", "no date yet": talk about a meeting, not one.
SPECULATIVE: CueTable = {
    "en": ("possible", "possibility", "not ruled out", "ready to meet", "ready for", "ready to",
           "open to", "need", "needs", "press conference", "video address", "calls for",
           "call for", "called for", "urged", "proposed", "offered", "no date", "could",
           "might", "may meet", "refused", "rejected", "cancel*", "postponed", "no basis",
           "if it happens", "willing to meet", "not planned", "no plans", "proposal*",
           "no sign", "no signs", "invitation to", "called on", "calls on", "call on",
           "challenge"),
    "de": ("nicht ausgeschlossen", "ausgeschlossen", "brauch*", "Pressekonferenz",
           "Videoansprache", "bereit*", "fordert*", "gefordert", "vorgeschlagen", "angeboten",
           "kein Termin", "weder Termin", "möglich*", "denkbar", "abgelehnt", "lehnt* ab",
           "abgesagt", "verschoben", "keine Grundlage", "würde", "wenn es", "nicht geplant",
           "keine Pläne", "keine Anzeichen", "könnte*"),
    "uk": ("не виключ*", "можлив*", "відмовив*", "готовн*", "готовий", "готова", "готові",
           "пропонува*", "запропонува*", "жодних перешкод", "не планує*", "не заплановано",
           "жодних ознак", "міг би", "могли б", "могла б"),
    "ru": ("не исключ*", "возможн*", "отказал*", "готовност*", "готов", "готова", "готовы",
           "предлож*", "не видит оснований", "нет оснований", "никаких препятствий", "не планиру*",
           "не запланирован*", "никаких признаков", "мог бы", "могли бы", "могла бы"),
}
# "Xi stayed away", "Putin did not attend": named, but not there.
ABSENT: CueTable = {
    "en": ("stay away", "stayed away", "stays away", "did not attend", "didn't attend",
           "skip*", "absent", "not attend*", "declined to attend", "will not attend",
           "declined", "not expected"),
    "de": ("blieb* fern", "fern*", "nahm* nicht teil", "fehlte*", "abwesend",
           "nicht teilnehmen", "nicht anwesend", "nicht erscheinen", "nicht erwartet"),
    "uk": ("не приїхав*", "пропусти*", "без участі", "не візьм*", "не братиме",
           "не очікується", "не очікують"),
    "ru": ("не приехал*", "пропусти*", "без участия", "не примет участ*", "не будет участв*",
           "не ожидается", "не ожидают"),
}
# Being at the meeting told by a verb of its own: "Merz and Trump took part".
PARTICIPATION: CueTable = {
    "en": ("took part", "attended", "joined", "participat*", "were present", "also present",
           "at the invitation of",
           "accompanied", "hosted", "presided", "presides", "presiding", "chaired"),
    "de": ("begleitet*", "nahm* teil", "teilgenommen", "dabei", "anwesend", "Gastgeber*",
           "leitete*", "erwartet", "Gästeliste", "Einladung von"),
    "uk": ("взя* участь", "візьм* участь", "братим* участь", "на запрошення"),
    "ru": ("принял* участие", "примут участие", "примет участие", "участву*",
           "по приглашению"),
}
# A phone or video call, an interview: no one in the same room.
REMOTE: CueTable = {
    "en": ("phone*", "call", "called", "telephone*", "video*", "virtual*", "online",
           "interview*"),
    "de": ("Telefon*", "telefonier*", "Video*", "Schalte", "Interview*"),
    "uk": ("телефон*", "відео*", "онлайн", "інтерв'ю"),
    "ru": ("телефон*", "видео*", "онлайн", "интервью"),
}
# The meeting itself held on screens: "the coalition's video call", "Videoschalte".
REMOTE_MEETING: CueTable = {
    "en": ("video call", "videoconference", "video conference", "virtual meeting",
           "virtual summit", "online meeting", "video link"),
    "de": ("Videokonferenz", "Videoschalte", "Videogipfel", "virtuell* Treffen",
           "Telefonkonferenz", "Videoschaltung"),
    "uk": ("відеоконференц*", "онлайн-зустріч*", "онлайн-формат*", "віртуальн* зустріч*",
           "відеозв'язк*"),
    "ru": ("видеоконференц*", "онлайн-встреч*", "онлайн-формат*", "виртуальн* встреч*",
           "видеосвяз*"),
}
# A plan told by tense or a word of planning: "will meet", "soll", "відбудеться", "проведет".
PLANNED: CueTable = {
    "en": ("will", "shall", "is due to", "are due to", "is set to", "are set to", "plan to",
           "plans to", "planned", "planning", "expected to", "is to", "are to", "next week",
           "next month", "upcoming", "scheduled", "would", "hope to", "hopes to", "aim to",
           "aims to", "agreed to meet", "agreed to hold", "to be held", "will be held",
           "prepares for", "preparing for", "ahead of", "a day before"),
    "de": ("soll", "sollen", "wird", "werden", "wollen", "geplant*", "plant", "hofft",
           "hoffen", "kommende*", "nächste*", "bevorstehend*", "demnächst", "vorgesehen",
           "angekündigt", "kündigt*", "stattfinden", "solle", "erwartet", "vorbereiten"),
    "uk": ("зустрінеться", "зустрінуться", "планує*", "планують", "заплановано",
           "запланован*", "відбудеться", "відбудуться", "проведуть", "проведе", "має відбутися",
           "мають відбутися", "прийматим*", "відвідає", "вирушить", "приїде", "прибуде",
           "оголоси*", "анонсува*", "домовил* про зустріч", "прийме", "приймуть",
           "домовил* про візит", "підготов*"),
    "ru": ("встретится", "встретятся", "планиру*", "запланирован*", "состоится",
           "состоятся", "пройдет", "пройдёт", "пройдут", "проведет", "проведёт", "проведут",
           "посетит", "отправится", "приедет", "примет", "примут", "прибудет", "анонсир*",
           "договорил* о встрече", "договорил* о визите", "ожидается", "должна состояться",
           "должен состояться", "подготов*", "предстоящ*"),
}
# A meeting over or under way, whatever tense words stand near: "after a meeting with".
HELD: CueTable = {
    "en": ("after meeting", "after a meeting", "after talks", "following talks",
           "following a meeting", "under way", "underway", "began", "begins", "opened",
           "ended", "wrapped up", "met", "held talks", "hosted", "received", "welcomed",
           "gathered", "attended", "took part"),
    "de": ("nach einem Treffen", "nach dem Treffen", "nach Treffen", "nach Gesprächen",
           "nach den Gesprächen",
           "hat begonnen", "begann", "eröffnet*", "beginnt", "zu Ende gegangen", "endete",
           "läuft", "traf", "trafen", "empfing", "zusammengekommen", "nahm* teil",
           "teilgenommen"),
    "uk": ("після зустрічі", "після переговорів", "стартува*", "розпоча*", "завершив*",
           "завершил*", "відбув*", "відбула*", "відбулися", "провели", "провів", "провела",
           "зустрівся", "зустрілася", "зустрілися", "прийняв", "прийняла", "проходить"),
    "ru": ("после встречи", "после переговоров", "стартовал*", "стартует", "начал", "начала",
           "начали", "начались",
           "завершил*", "прошел", "прошла", "прошли", "прошёл", "провел", "провела",
           "провели", "провёл", "встретился", "встретилась", "встретились", "принял",
           "приняла", "проходит", "проходила", "проходил"),
}
# Verbs of saying: an aide or spokesman who says something of a meeting is not at it.
SPEECH: CueTable = {
    "en": ("said", "says", "told", "announced", "stated", "confirmed", "according"),
    "de": ("sagte", "sagt", "erklärte", "betonte", "teilte* mit", "kündigte* an", "bestätigte"),
    "uk": ("заяви*", "сказав", "сказала", "повідоми*", "поясни*", "зазначи*", "підтверди*",
           "уточни*"),
    "ru": ("заяви*", "сказал", "сказала", "сообщи*", "поясни*", "отмети*", "подтверди*",
           "уточни*"),
}
# An office that names or announces: "the Kremlin said", "В Белом доме назвали место".
ANNOUNCE: CueTable = {
    "en": ("announced", "named"),
    "de": ("kündigte*", "nannte*"),
    "uk": ("анонсува*", "оголоси*", "назва*"),
    "ru": ("анонсирова*", "объяви*", "назва*"),
}
# A leader seeing soldiers: a visit to troops, no summit.
TROOP_VISIT: CueTable = {
    "en": ("visit*", "inspect*", "met"),
    "de": ("besuch*", "traf"),
    "uk": ("відвіда*", "зустрів*"),
    "ru": ("посети*", "посетил*", "встретил*"),
}
TROOPS: CueTable = {
    "en": ("troops", "soldiers", "brigade*", "positions"),
    "de": ("Soldaten", "Truppen", "Brigade*", "Stellungen"),
    "uk": ("військов*", "бійц*", "бійців", "військовослужбов*", "бригад*", "позиці*"),
    "ru": ("военн*", "бойц*", "военнослужащ*", "бригад*", "позици*"),
}
# A leader arrived: the visit is under way, unless the meeting is told as still to come
# ("arrived in Vilnius for the summit, which opens on Tuesday").
ARRIVED: CueTable = {
    "en": ("arrived", "has arrived", "landed"),
    "de": ("eingetroffen", "traf* ein", "landete"),
    "uk": ("прибув", "прибула", "прибули", "прилетів", "прилетіла", "прилетіли"),
    "ru": ("прибыл", "прибыла", "прибыли", "прилетел", "прилетела", "прилетели"),
}
# Talks of ministers or delegations, not of leaders.
DELEGATION: CueTable = {
    "en": ("delegation*", "foreign ministers", "defence ministers", "defense ministers",
           "ambassadors", "diplomats", "diplomatic delegation*"),
    "de": ("Delegation*", "Delegationsebene", "Außenminister", "Verteidigungsminister",
           "Botschafter", "Diplomaten"),
    "uk": ("делегаці*", "міністр* закордонних", "міністр* оборони", "посли", "послів",
           "дипломати", "дипломатів"),
    "ru": ("делегаци*", "министр* иностранных", "министр* обороны", "послы", "послов",
           "дипломаты", "дипломатов"),
}


def _entry_source(entry: str) -> str:
    words = []
    for word in entry.split(" "):
        core = re.escape(word.strip("*"))
        words.append(("\\w*" if word.startswith("*") else "") + core
                     + ("\\w*" if word.endswith("*") else ""))
    return r"\s+".join(words)


def cue_source(*tables: CueTable) -> str:
    """One alternation of every entry of `tables` in every language, longest first."""
    entries = {entry for table in tables for words in table.values() for entry in words}
    alternatives = "|".join(_entry_source(e) for e in sorted(entries, key=lambda e: (-len(e), e)))
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


def cue_pattern(*tables: CueTable) -> Folded:
    """A case-insensitive pattern matching any cue of `tables`."""
    return folded(cue_source(*tables))
