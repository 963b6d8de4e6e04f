"""The playbook's model: seeds/*.toml, already parsed, built into frozen dataclasses and checked, so a
bad edit fails at start-up. Reading the files is bot.services.playbook_files.

Every problem raises `PlaybookError` with one line naming the file, the entry and what to change.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.vocabulary import Outcome, Stage, fold

REASON_KINDS = (
    "promised",
    "dormant_check",
    "open_deal",
    "referral",
    "unanswered_streak",
    "intro",
    "offer",
    "client_success",
    "invite",
    "thread",
    "lukewarm_gap",
)

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "user_name",  # the Warmcall user
        "callback",  # how to reach the user: phone, else e-mail, else voicemail.toml callback_unknown
        "contact_name",
        "contact_first_name",
        "company",
        "role",
        "event",
        "met_when",  # "yesterday", "on Monday", "on 20 November", "in March 2025"
        "days_since",  # whole days since the last contact (or since meeting)
        "referrer",
        "promise",
        "promise_due",  # "due Fri", "due 3 Dec", "overdue since Mon 16 Nov"
        "offer_title",
        "offer_url",
        "matched",  # the note words an offer matched, as written in the notes
        "need",  # "hiring data engineers", "looking for a job"
        "other_name",  # the other contact in an introduction
        "other_company",
        "other_match",  # what makes the other contact relevant, in their notes' words
        "thread",  # a clause from the notes, something they said
        "deal_note",  # the clause of the notes that shows a deal is open
    }
)
# Always known, so an entry using only these can serve as the default of its section.
ALWAYS_KNOWN: frozenset[str] = frozenset({"user_name", "callback", "contact_name", "contact_first_name"})

SITUATIONS = (
    "dormant",
    "unanswered",
    "open_deal",
    "referral",
    "lukewarm",
    "first_call",
    "referral_reached",
    "thin_notes",
    "no_offers",
    "any",
)
REASSURANCE_IDS = tuple(f"R{n}" for n in range(1, 11))
INTRO_SIDES = ("contact_needs", "other_needs")

_LIST_CONDITIONS: dict[str, tuple[str, ...]] = {
    "stage": tuple(s.value for s in Stage),
    "reason": REASON_KINDS,
    "last_outcome": tuple(o.value for o in Outcome),
}
_BOOL_CONDITIONS = (
    "has_referrer",
    "never_reached",
    "has_event",
    "has_notes",
    "has_offers",
    "has_open_deal",
    "has_promise",
    "has_email",
    "has_phone",
    "lukewarm",
)
_INT_CONDITIONS = ("unanswered_min", "unanswered_max", "days_since_contact_min", "days_since_contact_max")
_STR_CONDITIONS: dict[str, tuple[str, ...]] = {"intro_side": INTRO_SIDES}
CONDITION_KEYS = (*_LIST_CONDITIONS, *_BOOL_CONDITIONS, *_INT_CONDITIONS, *_STR_CONDITIONS)

MAX_TEXT = 800  # rendered with values still far below Block Kit's 3000-character section limit
MAX_SHORT = 100  # the digest line is cut at 150 after rendering
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class PlaybookError(ValueError):
    """A seeds file is missing, malformed or says something it must not."""


@dataclass(frozen=True)
class Conditions:
    """When an entry applies. Unset fields match anything; all set fields must hold."""

    stage: frozenset[str] | None = None
    reason: frozenset[str] | None = None
    last_outcome: frozenset[str] | None = None
    has_referrer: bool | None = None
    never_reached: bool | None = None
    has_event: bool | None = None
    has_notes: bool | None = None
    has_offers: bool | None = None
    has_open_deal: bool | None = None
    has_promise: bool | None = None
    has_email: bool | None = None
    has_phone: bool | None = None
    lukewarm: bool | None = None
    unanswered_min: int | None = None
    unanswered_max: int | None = None
    days_since_contact_min: int | None = None
    days_since_contact_max: int | None = None
    intro_side: str | None = None
    # Derived once (the engine asks for them hundreds of times per digest): how many conditions are
    # set, since among equal priorities the more specific entry wins; and only the set conditions, as
    # (fact name, wanted) pairs in the order `matches` tests them.
    count: int = field(default=0, init=False, compare=False, repr=False)
    _in: tuple[tuple[str, frozenset[str]], ...] = field(default=(), init=False, compare=False, repr=False)
    _equal: tuple[tuple[str, Any], ...] = field(default=(), init=False, compare=False, repr=False)
    _bounds: tuple[tuple[str, int, bool], ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "count", sum(getattr(self, key) is not None for key in CONDITION_KEYS))
        set_(
            self,
            "_in",
            tuple((k, getattr(self, k)) for k in _LIST_CONDITIONS if getattr(self, k) is not None),
        )
        set_(
            self,
            "_equal",
            tuple(
                (k, getattr(self, k))
                for k in (*_BOOL_CONDITIONS, *_STR_CONDITIONS)
                if getattr(self, k) is not None
            ),
        )
        set_(
            self,
            "_bounds",
            tuple(
                (key.rsplit("_", 1)[0], getattr(self, key), key.endswith("_min"))
                for key in _INT_CONDITIONS
                if getattr(self, key) is not None
            ),
        )

    @property
    def empty(self) -> bool:
        return self.count == 0

    def matches(self, facts: Mapping[str, Any]) -> bool:
        """`facts` holds the same names without suffixes: stage, unanswered, days_since_contact, …"""
        for key, wanted in self._in:
            if facts.get(key) not in wanted:
                return False
        for key, wanted in self._equal:
            if facts.get(key) != wanted:
                return False
        for key, bound, is_min in self._bounds:
            value = facts.get(key)
            if value is None:
                return False
            if value < bound if is_min else value > bound:
                return False
        return True


@dataclass(frozen=True)
class Entry:
    """One text template: a reason, opener, goal, fallback topic, voicemail script or gap note."""

    id: str
    text: str
    when: Conditions = field(default_factory=Conditions)
    priority: int = 0
    kind: str = ""  # reasons only
    short: str = ""  # reasons only: the digest line
    fields: frozenset[str] = frozenset()  # placeholders used by text and short

    def render(self, values: Mapping[str, str]) -> str:
        return self.text.format_map(values)

    def render_short(self, values: Mapping[str, str]) -> str:
        return self.short.format_map(values)


@dataclass(frozen=True)
class Reassurance:
    id: str  # "R1" … "R10"
    title: str
    text: str
    situations: tuple[str, ...]


@dataclass(frozen=True)
class Playbook:
    reasons: tuple[Entry, ...]
    openers: tuple[Entry, ...]
    goals: tuple[Entry, ...]
    fallbacks: tuple[Entry, ...]
    voicemails: tuple[Entry, ...]
    gap_notes: tuple[Entry, ...]
    reassurances: tuple[Reassurance, ...]
    banned: tuple[str, ...]
    callback_unknown: str
    _banned_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _reasons_by_kind: dict[str, tuple[Entry, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        by_kind: dict[str, list[Entry]] = {}
        for entry in self.reasons:
            by_kind.setdefault(entry.kind, []).append(entry)
        object.__setattr__(self, "_reasons_by_kind", {k: tuple(v) for k, v in by_kind.items()})

    def reasons_of(self, kind: str) -> tuple[Entry, ...]:
        return self._reasons_by_kind.get(kind, ())

    def reassurance(self, rid: str) -> Reassurance:
        return next(r for r in self.reassurances if r.id == rid)

    def banned_in(self, text: str) -> str | None:
        """The first banned phrase `text` contains (case- and accent-insensitive, whole words), or None."""
        pattern = self._banned_re or _banned_pattern(self.banned)
        found = pattern.search(_fast_fold(text))
        return found.group(0) if found else None


def _fast_fold(text: str) -> str:
    """fold(), without the Unicode normalisation pass for plain ASCII (where it changes nothing)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return fold(text)


def _banned_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(fold(p)) for p in phrases if fold(p)}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


# ---------------------------------------------------------------------------------------------------
# Building from parsed files


@dataclass(frozen=True)
class _Section:
    file: str
    table: str  # the [[table]] name inside the file
    extra_keys: tuple[str, ...] = ()
    required_extra: tuple[str, ...] = ()
    needs_default: bool = True
    default_fields: frozenset[str] = ALWAYS_KNOWN
    must_use: tuple[str, ...] = ()


_SECTIONS = {
    "reasons": _Section("reasons.toml", "reason", ("kind", "short"), ("kind", "short"), needs_default=False),
    "openers": _Section("openers.toml", "opener"),
    "goals": _Section("goals.toml", "goal"),
    "fallbacks": _Section("fallbacks.toml", "fallback"),
    "voicemails": _Section("voicemail.toml", "voicemail", must_use=("user_name", "callback")),
    "gap_notes": _Section("gap_notes.toml", "gap_note", default_fields=ALWAYS_KNOWN | {"days_since"}),
}
_TOP_LEVEL = {
    "reasons.toml": {"reason"},
    "openers.toml": {"opener"},
    "goals.toml": {"goal"},
    "fallbacks.toml": {"fallback"},
    "voicemail.toml": {"voicemail", "callback_unknown"},
    "gap_notes.toml": {"gap_note"},
    "reassurances.toml": {"reassurance"},
    "banned.toml": {"phrases"},
}
FILES = tuple(_TOP_LEVEL)


def seeds_label(name: str) -> str:
    """How an error names a file of the packaged playbook."""
    return f"seeds/{name}"


def check_top_level(name: str, data: Mapping[str, Any], label: str) -> None:
    """`data`, the parsed `name` (one of FILES), holds only the tables that file may hold."""
    unknown = sorted(set(data) - _TOP_LEVEL[name])
    if unknown:
        allowed = ", ".join(sorted(_TOP_LEVEL[name]))
        raise PlaybookError(f"{label}: unknown top-level key {unknown[0]!r}; this file holds only: {allowed}")


def missing_file(label: str) -> PlaybookError:
    return PlaybookError(f"{label}: file is missing; every playbook folder needs {', '.join(FILES)}")


def build_playbook(
    files: Mapping[str, Mapping[str, Any]], label: Callable[[str], str] = seeds_label
) -> Playbook:
    """The playbook from every file of FILES, parsed (file name -> TOML tables), checked entry by entry.

    `label` turns a file name into what errors call it (its path on disk, or seeds/NAME).
    """
    for name in FILES:
        if name not in files:
            raise missing_file(label(name))
        check_top_level(name, files[name], label(name))
    return _build(files, label)


def _build(raw: Mapping[str, Mapping[str, Any]], label: Callable[[str], str]) -> Playbook:
    banned = _load_banned(raw["banned.toml"], label("banned.toml"))
    banned_re = _banned_pattern(banned)
    seen_ids: dict[str, str] = {}

    def fail(file: str, entry_id: str | None, problem: str) -> PlaybookError:
        where = f'{label(file)}: entry "{entry_id}"' if entry_id is not None else label(file)
        return PlaybookError(f"{where}: {problem}")

    def check_text(file: str, entry_id: str, key: str, text: Any, allowed: frozenset[str]) -> frozenset[str]:
        if not isinstance(text, str) or not text.strip():
            raise fail(file, entry_id, f'"{key}" must be a non-empty string')
        limit = MAX_SHORT if key == "short" else MAX_TEXT
        if len(text) > limit:
            raise fail(file, entry_id, f'"{key}" is {len(text)} characters; keep it under {limit}')
        hit = banned_re.search(fold(text))
        if hit:
            raise fail(
                file,
                entry_id,
                f'"{key}" uses the banned phrase "{hit.group(0)}"; say why the call helps them',
            )
        return _placeholders(text, allowed, lambda problem: fail(file, entry_id, problem))

    def claim_id(file: str, index: int, item: Any) -> str:
        if not isinstance(item, dict):
            raise fail(file, f"#{index + 1}", "each entry must be a table ([[...]] block)")
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not _ID_RE.match(entry_id):
            raise fail(
                file,
                entry_id if isinstance(entry_id, str) else f"#{index + 1}",
                'needs an "id" made of letters, digits, - or _',
            )
        if entry_id in seen_ids:
            raise fail(
                file, entry_id, f"duplicate id (already used in {seen_ids[entry_id]}); ids must be unique"
            )
        seen_ids[entry_id] = file
        return entry_id

    sections: dict[str, tuple[Entry, ...]] = {}
    for attr, spec in _SECTIONS.items():
        items = raw[spec.file].get(spec.table, [])
        if not isinstance(items, list) or not items:
            raise fail(spec.file, None, f"needs at least one [[{spec.table}]] entry")
        entries = []
        allowed_keys = {"id", "text", "when", "priority", *spec.extra_keys}
        for index, item in enumerate(items):
            entry_id = claim_id(spec.file, index, item)
            unknown = sorted(set(item) - allowed_keys)
            if unknown:
                raise fail(
                    spec.file,
                    entry_id,
                    f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(allowed_keys))}",
                )
            for key in ("text", *spec.required_extra):
                if key not in item:
                    raise fail(spec.file, entry_id, f'missing required key "{key}"')
            fields = check_text(spec.file, entry_id, "text", item["text"], PLACEHOLDERS)
            short = ""
            if "short" in item:
                short = item["short"]
                fields |= check_text(spec.file, entry_id, "short", short, PLACEHOLDERS)
            kind = item.get("kind", "")
            if "kind" in spec.extra_keys and kind not in REASON_KINDS:
                raise fail(
                    spec.file, entry_id, f"unknown kind {kind!r}; use one of {', '.join(REASON_KINDS)}"
                )
            for needed in spec.must_use:
                if needed not in fields:
                    raise fail(
                        spec.file,
                        entry_id,
                        f"must use {{{needed}}} so the message says who called and how to call back",
                    )
            priority = item.get("priority", 0)
            if type(priority) is not int:
                raise fail(spec.file, entry_id, '"priority" must be a whole number')
            when = _conditions(
                item.get("when", {}), lambda problem, f=spec.file, i=entry_id: fail(f, i, problem)
            )
            entries.append(Entry(entry_id, item["text"], when, priority, kind, short, fields))
        if spec.needs_default and not any(e.when.empty and e.fields <= spec.default_fields for e in entries):
            names = ", ".join("{" + f + "}" for f in sorted(spec.default_fields))
            raise fail(
                spec.file, None, f"needs one entry with no `when` that uses only {names}, as the default"
            )
        sections[attr] = tuple(entries)

    for kind in REASON_KINDS:
        if not any(e.kind == kind for e in sections["reasons"]):
            raise fail("reasons.toml", None, f'no entry of kind "{kind}"; add at least one')
    if not any(e.kind == "thread" and e.when.empty and e.fields <= ALWAYS_KNOWN for e in sections["reasons"]):
        raise fail(
            "reasons.toml",
            None,
            'needs a "thread" entry with no `when` that uses only names, as the last resort',
        )

    callback_unknown = raw["voicemail.toml"].get("callback_unknown")
    check_text("voicemail.toml", "callback_unknown", "callback_unknown", callback_unknown, frozenset())

    reassurances = _load_reassurances(raw["reassurances.toml"].get("reassurance"), claim_id, fail, check_text)
    return Playbook(
        reasons=sections["reasons"],
        openers=sections["openers"],
        goals=sections["goals"],
        fallbacks=sections["fallbacks"],
        voicemails=sections["voicemails"],
        gap_notes=sections["gap_notes"],
        reassurances=reassurances,
        banned=banned,
        callback_unknown=callback_unknown,
        _banned_re=banned_re,
    )


def _load_banned(data: Mapping[str, Any], label: str) -> tuple[str, ...]:
    phrases = data.get("phrases")
    if not isinstance(phrases, list) or not phrases:
        raise PlaybookError(f'{label}: needs "phrases", a non-empty list of strings')
    for phrase in phrases:
        if not isinstance(phrase, str) or not fold(phrase):
            raise PlaybookError(f'{label}: entry "phrases": {phrase!r} is not a non-empty string')
    return tuple(phrases)


def _load_reassurances(items: Any, claim_id, fail, check_text) -> tuple[Reassurance, ...]:
    file = "reassurances.toml"
    if not isinstance(items, list) or not items:
        raise fail(file, None, "needs [[reassurance]] entries R1 to R10")
    found: dict[str, Reassurance] = {}
    for index, item in enumerate(items):
        rid = claim_id(file, index, item)
        if rid not in REASSURANCE_IDS:
            raise fail(file, rid, "unknown id; reassurances are R1 to R10")
        allowed = {"id", "title", "text", "situations"}
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise fail(file, rid, f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
        for key in ("title", "text", "situations"):
            if key not in item:
                raise fail(file, rid, f'missing required key "{key}"')
        check_text(file, rid, "title", item["title"], frozenset())
        check_text(file, rid, "text", item["text"], frozenset())
        situations = item["situations"]
        if not isinstance(situations, list) or not all(isinstance(s, str) for s in situations):
            raise fail(file, rid, '"situations" must be a list of strings')
        for situation in situations:
            if situation not in SITUATIONS:
                raise fail(file, rid, f"unknown situation {situation!r}; use one of {', '.join(SITUATIONS)}")
        found[rid] = Reassurance(rid, item["title"], item["text"], tuple(situations))
    for rid in REASSURANCE_IDS:
        if rid not in found:
            raise fail(file, rid, "missing; R1 to R10 must all be present")
    if not any("any" in r.situations for r in found.values()):
        raise fail(file, None, 'one reassurance must list the situation "any", as the default')
    return tuple(found[rid] for rid in REASSURANCE_IDS)


def _placeholders(text: str, allowed: frozenset[str], fail: Callable[[str], PlaybookError]) -> frozenset[str]:
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise fail(f"broken braces ({exc}); write {{{{ or }}}} for a literal brace") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            if allowed:
                choices = ", ".join("{" + p + "}" for p in sorted(allowed))
                raise fail(f"unknown placeholder {{{name}}}; use one of {choices}")
            raise fail(f"placeholders are not used here; remove {{{name}}}")
        if spec or conversion:
            raise fail(f"placeholder {{{name}}} must be plain, without ! or : formatting")
        names.add(name)
    return frozenset(names)


def _conditions(when: Any, fail: Callable[[str], PlaybookError]) -> Conditions:
    if not isinstance(when, dict):
        raise fail('"when" must be a table, e.g. when = { has_event = true }')
    values: dict[str, Any] = {}
    for key, value in when.items():
        if key in _LIST_CONDITIONS:
            choices = _LIST_CONDITIONS[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise fail(f'condition "{key}" must be a list of strings')
            for v in value:
                if v not in choices:
                    raise fail(f'condition "{key}" has unknown value {v!r}; use one of {", ".join(choices)}')
            values[key] = frozenset(value)
        elif key in _BOOL_CONDITIONS:
            if not isinstance(value, bool):
                raise fail(f'condition "{key}" must be true or false')
            values[key] = value
        elif key in _INT_CONDITIONS:
            if type(value) is not int or value < 0:
                raise fail(f'condition "{key}" must be a whole number of at least 0')
            values[key] = value
        elif key in _STR_CONDITIONS:
            if value not in _STR_CONDITIONS[key]:
                raise fail(f'condition "{key}" must be one of {", ".join(_STR_CONDITIONS[key])}')
            values[key] = value
        else:
            raise fail(f'unknown condition "{key}"; use one of {", ".join(CONDITION_KEYS)}')
    return Conditions(**values)
