"""The curator's relation to a roadmap item: ведёт, участвует, посещает — or none — and why.

Rules, in this order (each is how a curator reads the row; the reason names what decided it):

1. **посещает** — the activity is an event (семинар, вебинар, совещание, ВКС, конференция,
   круглый стол, заседание, телемост, форум, обучение) and curators are among those expected
   at it: named in the activity or its description («…для школ-участниц и кураторов»,
   «совещание с кураторами»; a name inside «quotes» is a topic, not the audience), the
   project's participants («Участники проекта» responsible, «для участников проекта», «100%
   участников проекта присутствовали»; never «школ-участников», «участников образовательных
   отношений» or the participants of another, regional project), curators named in the
   indicator, or an unaddressed «Участие в … вебинарах» the curators do not co-organise.
2. **ведёт**, the curator's own step — named with curators as the actor («выезды кураторов»,
   «посещение школ кураторами», «отчёт кураторов», «консультирование школ кураторами», the
   questionnaire of curator candidates; not when others collect or check it: «сбор отчётов
   кураторов»), or a step that is by nature the curator's (first visit, verification, the
   visit's справка, review (экспертиза) of the school's documents, concept documents,
   consultative help to the school, monitoring of positive change, confirmation documents)
   unless only governing bodies (coordinators, the department, the operator, a council) are
   responsible — then it is theirs. Criteria or indicators *for* the monitoring are not the
   monitoring; a step named inside «quotes» is a topic («Семинар «Верификация рисков»»).
3. The responsible column: curators alone — **ведёт**; curators with the school, an institute
   or the coordinators — **участвует**.
4. Anything else — none: the step of the school or of other bodies. Curators named only as
   candidates, recipients («направлен … кураторам») or members of a group formed by others do
   not make it theirs; nor does a word in the title alone («взаимопосещение уроков»).

Fields are read responsible first, then the description (with indicator and control), the title
last; a word match on the title alone never decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.text import normalize_search
from curator_desktop.i18n import N_, _


class Relation(StrEnum):
    """How a roadmap item concerns the curator."""

    LEAD = "lead"  # ведёт: the curator is the responsible executor or the step is the curator's own
    SHARE = "share"  # участвует: co-responsible with the school or others
    ATTEND = "attend"  # посещает: a seminar, webinar, meeting the curators must attend
    NONE = "none"  # not the curator's


MINE: frozenset[Relation] = frozenset({Relation.LEAD, Relation.ATTEND})
"""What «Мои» shows by default."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """The relation judged for one item and the reason shown to the user."""

    relation: Relation
    reason: str


_W = r"[а-я]*"  # the rest of a Russian word, in any form
_CURATORS = re.compile(rf"(?<![а-я])куратор{_W}")
# «кандидаты в кураторы» are not curators yet; «муниципальные кураторы» are the coordinators
_NOT_CURATORS = re.compile(rf"кандидат{_W}\s+в\s+куратор{_W}|муниципальн{_W}\s+куратор{_W}")
# «кураторы ОО», «куратор школы»: the curators, not the curators and the school
_CURATORS_OF = re.compile(rf"(?<![а-я])куратор{_W}(?:\s+(?:оо(?![а-я])|школ{_W}|проекта))?")
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"")
_COMPOUND_PARTICIPANT = re.compile(rf"[а-я]+\s*[-‐–]\s*участни{_W}")  # «школ-участников»
_PROJECT_PARTICIPANTS = re.compile(rf"(?<![а-я])участник{_W}\s+проекта")
_UNADDRESSED_PARTICIPATION = re.compile(r"^участие\s+в\s")
_ADDRESSED = re.compile(r"(?<![а-я])для\s")

_EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (N_("webinar"), re.compile(r"(?<![а-я])вебинар")),
    (N_("seminar"), re.compile(r"(?<![а-я])семинар")),
    (N_("meeting"), re.compile(r"(?<![а-я])совещани|(?<![а-я])вкс(?![а-я])")),
    (N_("conference"), re.compile(r"конференци")),
    (N_("round table"), re.compile(rf"(?<![а-я])кругл{_W}\s+стол")),
    (N_("council session"), re.compile(r"(?<![а-я])заседани")),
    (N_("teleconference"), re.compile(r"(?<![а-я])телемост")),
    (N_("forum"), re.compile(r"(?<![а-я])форум")),
    (N_("training"), re.compile(rf"(?<![а-я])(?:обучени|курс{_W}\s+повышени|стажировк)")),
)

# The curator's own steps, in the order they are looked for: (name, pattern, by nature). A step
# named with curators as the actor is theirs whatever the responsible column says; one that is the
# curator's by nature is theirs unless only governing bodies are responsible.
_STEPS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        N_("curator's report"),
        re.compile(rf"(?<![а-я])отч[её]т{_W}\s+(?:[а-я]+\s+)?куратор"),
        False,
    ),
    (N_("first visit"), re.compile(rf"(?<![а-я])первичн{_W}\s+(?:[а-я]+\s+)?посещени"), True),
    (
        N_("visit"),
        re.compile(rf"(?<![а-я])(?:посещени|выезд){_W}(?:\s+[а-я]+){{0,3}}?\s+куратор"),
        False,
    ),
    (
        N_("candidates' questionnaire"),
        re.compile(
            rf"(?<![а-я])анкетировани{_W}(?:\s+\S+){{0,4}}?\s+кандидат{_W}\s+в\s+куратор"
            rf"|кандидат{_W}\s+в\s+куратор{_W}\s+анкетировани"
        ),
        False,
    ),
    (
        N_("consultations"),
        re.compile(rf"(?<![а-я])консульт{_W}(?:\s+[а-я]+){{0,3}}?\s+куратор"),
        False,
    ),
    (N_("verification"), re.compile(r"(?<![а-я])верифи[кц]"), True),
    (
        N_("visit report"),
        re.compile(rf"(?<![а-я])справк{_W}(?:\s+[а-я]+){{0,2}}\s+посещени"),
        True,
    ),
    (N_("review of the school's documents"), re.compile(r"(?<![а-я])экспертиз"), True),
    (N_("concept documents"), re.compile(rf"концептуальн{_W}\s+документ"), True),
    (
        N_("consultative help"),
        re.compile(rf"консультативн{_W}\s+(?:и\s+методическ{_W}\s+)?помощ"),
        True,
    ),
    (
        N_("monitoring of positive change"),
        re.compile(rf"(?:мониторинг|диагностик){_W}\W+наступлени{_W}\W+позитивн{_W}\W+изменени"),
        True,
    ),
    (N_("confirmation documents"), re.compile(rf"подтвержда{_W}\s+документ"), True),
)
# «Сбор отчётов кураторов», «анализ справок»: others handle what the curators wrote
_HANDLED_BY_OTHERS = re.compile(
    rf"(?<![а-я])(?:сбор|при[её]м|проверк|анализ|обобщени|свод){_W}(?:\s+[а-я]+){{0,2}}\s*$"
)
_FOR_THE_MONITORING = re.compile(rf"(?:критери|показател){_W}(?:\s+\S+){{0,4}}\s+мониторинг")

_GOVERNING = re.compile(
    rf"координатор|департамент|комитет|министерств|оператор|(?<![а-я])совет|(?<![а-я])омсу?"
    rf"(?![а-я])|(?<![а-я])ар(?![а-я])|администраци|фиоко|управлени{_W}\s+образовани"
)
_SCHOOL_PEOPLE = re.compile(
    rf"(?<![а-я])(?:школ|оо(?![а-я])|директор|руководител|управленческ|учител|педагог|классн"
    rf"|психолог|образовательн{_W}\s+организаци)"
)
_PARTS = re.compile(r"[,;]|\s+и\s+")


@dataclass(frozen=True, slots=True)
class _Row:
    """An item's texts as compared: folded, whitespace collapsed."""

    responsible: str
    description: str
    results: str  # indicator and control
    title: str

    @classmethod
    def of(cls, item: RoadmapItem) -> _Row:
        results = " ".join((item.indicator, item.control))
        return cls(*(normalize_search(t) for t in (item.responsible, item.description, results)),
                   normalize_search(item.title))  # fmt: skip


def judge(item: RoadmapItem) -> Judgement:
    """The curator's relation to ``item`` with its reason (see the module's rules)."""
    row = _Row.of(item)
    curators_responsible = _names_curators(row.responsible)
    attend = _attendance(row, co_organiser=curators_responsible)
    if attend:
        return Judgement(Relation.ATTEND, attend)
    step = _own_step(row)
    if step:
        return Judgement(Relation.LEAD, _("curator's step: {step}").format(step=_(step)))
    if curators_responsible:
        others = _co_responsible(row.responsible)
        if others:
            return Judgement(Relation.SHARE, others)
        return Judgement(Relation.LEAD, _("responsible: curators"))
    if row.responsible:
        return Judgement(Relation.NONE, _("responsible: others"))
    return Judgement(Relation.NONE, _("curators are not named"))


def _unquoted(text: str) -> str:
    """The text without its «quoted» names and topics (nested quotes too)."""
    while (plain := _QUOTED.sub(" ", text)) != text:
        text = plain
    return text


def _names_curators(text: str) -> bool:
    return bool(_CURATORS.search(_NOT_CURATORS.sub(" ", text)))


def _event(row: _Row) -> str:
    """The kind of event the activity is: the first named in the title, else the description."""
    for text in (row.title, row.description):
        found = [(m.start(), kind) for kind, p in _EVENTS if (m := p.search(text)) is not None]
        if found:
            return min(found)[1]
    return ""


def _attendance(row: _Row, *, co_organiser: bool) -> str:
    """Why the curators are expected at the item's event, or "" when it is none or not theirs."""
    event = _event(row)
    if not event:
        return ""
    title, description = _unquoted(row.title), _unquoted(row.description)
    if _names_curators(description) or _names_curators(title):
        return _("attendance: {event} for curators").format(event=_(event))
    texts = (row.responsible, row.description, row.results, row.title)
    if any(_PROJECT_PARTICIPANTS.search(_COMPOUND_PARTICIPANT.sub(" ", t)) for t in texts):
        return _("attendance: {event} of the project's participants").format(event=_(event))
    if _names_curators(row.results):
        return _("attendance: {event} for curators").format(event=_(event))
    if (
        not co_organiser
        and _UNADDRESSED_PARTICIPATION.search(title)
        and not _ADDRESSED.search(title)
    ):
        return _("attendance: {event}").format(event=_(event))
    return ""


def _own_step(row: _Row) -> str:
    """The curator's own step the item is (its untranslated name), or ""."""
    governing_only = _governing_only(row.responsible)
    for text in map(_unquoted, (row.description, row.results, row.title)):
        for step, pattern, by_nature in _STEPS:
            match = None if by_nature and governing_only else pattern.search(text)
            if match is None or _HANDLED_BY_OTHERS.search(text[: match.start()]):
                continue
            if step == "monitoring of positive change" and _FOR_THE_MONITORING.search(text):
                continue
            return step
    return ""


def _governing_only(responsible: str) -> bool:
    """Only coordinators, the department, the operator, a council … are responsible."""
    parts = [part.strip() for part in _PARTS.split(responsible) if part.strip()]
    return bool(parts) and all(_GOVERNING.search(part) for part in parts)


def _co_responsible(responsible: str) -> str:
    """The reason when curators share the responsibility with others, or "" when alone."""
    rest = _CURATORS_OF.sub(" ", responsible)
    if not re.search(r"[а-яa-z]", rest):
        return ""
    if _SCHOOL_PEOPLE.search(rest):
        return _("co-responsible: curators and schools")
    parts = [part for part in _PARTS.split(rest) if re.search(r"[а-яa-z]", part)]
    if all("координатор" in part for part in parts):
        return _("co-responsible: curators and coordinators")
    return _("co-responsible: curators and others")
