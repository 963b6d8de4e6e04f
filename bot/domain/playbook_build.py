"""Building the playbook from seeds/*.toml, already parsed: every entry checked, so a bad edit fails
at start-up with one line naming the file, the entry and what to change. The model is bot.domain.playbook.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.playbook import (
    ALWAYS_KNOWN,
    BOOL_CONDITIONS,
    CONDITION_KEYS,
    INT_CONDITIONS,
    LIST_CONDITIONS,
    MAX_SHORT,
    MAX_TEXT,
    PLACEHOLDERS,
    REASON_KINDS,
    REASSURANCE_IDS,
    SITUATIONS,
    STR_CONDITIONS,
    Conditions,
    Entry,
    Playbook,
    PlaybookError,
    Reassurance,
    banned_pattern,
)
from bot.domain.vocabulary import fold

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


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
    banned_re = banned_pattern(banned)
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
        if key in LIST_CONDITIONS:
            choices = LIST_CONDITIONS[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise fail(f'condition "{key}" must be a list of strings')
            for v in value:
                if v not in choices:
                    raise fail(f'condition "{key}" has unknown value {v!r}; use one of {", ".join(choices)}')
            values[key] = frozenset(value)
        elif key in BOOL_CONDITIONS:
            if not isinstance(value, bool):
                raise fail(f'condition "{key}" must be true or false')
            values[key] = value
        elif key in INT_CONDITIONS:
            if type(value) is not int or value < 0:
                raise fail(f'condition "{key}" must be a whole number of at least 0')
            values[key] = value
        elif key in STR_CONDITIONS:
            if value not in STR_CONDITIONS[key]:
                raise fail(f'condition "{key}" must be one of {", ".join(STR_CONDITIONS[key])}')
            values[key] = value
        else:
            raise fail(f'unknown condition "{key}"; use one of {", ".join(CONDITION_KEYS)}')
    return Conditions(**values)
