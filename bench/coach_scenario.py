"""The coaching scenario (docs/coaching/scenario.md) typed into the real console, and what Warmcall shows.

Runs `warmcall console` in-process (the real Bolt app over signed HTTP, the Slack double, an
in-memory SQLite database, Europe/Berlin) with the lines of the scenario's ```console block, and
writes docs/coaching/outputs.md: the final morning's digest, `/prep`'s due list, every contact's
`/prep`, and App Home, then the whole run as a transcript.

    python bench/coach_scenario.py            # rewrite docs/coaching/outputs.md
    python bench/coach_scenario.py --check    # exit 1 if the coaching in it would change

Two conveniences over typing into the console: `press LABEL` presses the button whose label
contains LABEL among those shown last (the console wants `click N`), and the clock stands still
between lines (the console's follows real time), so the transcript is the same on every run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.console.session as console_session  # noqa: E402
from bot.console import console  # noqa: E402
from bot.console.terminal import Terminal  # noqa: E402
from bot.runtime.config import Settings  # noqa: E402

SCENARIO = ROOT / "docs" / "coaching" / "scenario.md"
OUTPUTS = ROOT / "docs" / "coaching" / "outputs.md"
START = dt.datetime(2026, 11, 16, 18, 0, tzinfo=dt.UTC)  # Mon 16 Nov 2026, 19:00 in Berlin
TZ = "Europe/Berlin"
USER = "Mara Lindqvist"
SNAPSHOT = "# --- snapshot ---"
_BLOCK_RE = re.compile(r"```console\n(.*?)```", re.S)


def scenario_lines(path: Path = SCENARIO) -> list[str]:
    found = _BLOCK_RE.search(path.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{path} has no ```console block")
    return found.group(1).splitlines()


_LABEL_RE = re.compile(r"^  (\S.*?) \((?:optional|required)\)$")


def _key(label: str) -> str:
    return label.strip(" .…").casefold()


class _Script:
    """The scenario's lines, read by the console: `press LABEL` becomes `click N`, and the indented
    `Field: value` lines under a command answer the form it opens, by the field's label (so a field
    added to the form later does not shift the answers; a field not named keeps its default)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.session = None
        self.position = 0
        self.marks: list[tuple[str, int]] = []  # (line as typed, where its output starts)
        self.out: io.StringIO | None = None
        self.form: dict[str, str] | None = None

    def read(self, prompt: str) -> str | None:
        assert self.out is not None
        if prompt.startswith("  ?") and self.form is not None:
            return self._answer()
        if prompt.startswith("  Press Enter"):
            return ""
        if "[y/N]" in prompt:
            return "y"
        self._form_done()
        if self.position >= len(self.lines):
            return None
        line = self.lines[self.position]
        self.position += 1
        self.marks.append((line, self.out.tell()))
        answers: dict[str, str] = {}
        while self.position < len(self.lines) and self.lines[self.position].startswith("  "):
            field, _, value = self.lines[self.position].strip().partition(":")
            answers[_key(field)] = value.strip()
            self.position += 1
        self.form = answers if answers else None
        if line.startswith("press ") and self.session is not None:
            return f"click {self._number(line.removeprefix('press ').strip())}"
        return line

    def _answer(self) -> str:
        asked = [m.group(1) for m in map(_LABEL_RE.match, self.out.getvalue().splitlines()) if m]
        label = _key(asked[-1]) if asked else ""
        assert self.form is not None
        return self.form.pop(label, "")

    def _form_done(self) -> None:
        if self.form:
            raise SystemExit(f"the form had no field for {sorted(self.form)}")
        self.form = None

    def _number(self, label: str) -> int:
        shown = self.session.screen._shown  # noqa: SLF001 - the buttons the console numbered last
        for item in shown:
            text = (item.clickable.element.get("text") or {}).get("text", "")
            if label.casefold() in text.casefold():
                return item.clickable.number
        labels = [(s.clickable.element.get("text") or {}).get("text", "") for s in shown]
        raise SystemExit(f"no button {label!r} among {labels}")


class _ScriptTerminal(Terminal):
    """A scripted terminal that knows which prompt it answers (the script tells fields from commands)."""

    def __init__(self, script: _Script, out: io.StringIO) -> None:
        super().__init__(stdin=io.StringIO(""), stdout=out)
        self.script = script

    def read(self, prompt: str, *, history: bool = True) -> str | None:  # noqa: ARG002
        line = self.script.read(prompt)
        if line is not None:
            self.write(f"{prompt}{line}")
        return line


def _settings() -> Settings:
    return Settings(
        bot_token="xoxb-console",
        signing_secret="unused",
        app_token=None,
        api_url="http://unused/",
        database_url="sqlite://",
        port=0,
        tick_seconds=60,
        log_level="WARNING",
        playbook_dir=None,
        cadence_file=None,
    )


@contextlib.contextmanager
def _quick_console() -> Iterator[None]:
    """The console waits 0.3 s of quiet after each line for late replies; the app's work is
    tracked (busy, unanswered calls), so a shorter quiet keeps the run fast and complete."""
    quiet = console_session.QUIET_SECONDS
    console_session.QUIET_SECONDS = 0.05
    try:
        yield
    finally:
        console_session.QUIET_SECONDS = quiet


def run(lines: list[str]) -> list[tuple[str, str]]:
    """Every typed line with what the console printed for it."""
    script = _Script(lines)
    out = io.StringIO()
    script.out = out
    terminal = _ScriptTerminal(script, out)
    logging.getLogger().setLevel(logging.WARNING)
    with _quick_console(), console(_settings(), terminal, user_name=USER, tz=TZ, start=START) as session:
        session.clock._frozen = session.clock.now()  # noqa: SLF001 - a still clock: the same transcript each run
        script.session = session
        session.run()
    text = out.getvalue()
    marks = script.marks
    result = []
    for k, (line, start) in enumerate(marks):
        end = marks[k + 1][1] if k + 1 < len(marks) else len(text)
        shown = text[start:end].split("\n", 1)[1] if "\n" in text[start:end] else ""
        result.append((line, shown.rstrip()))
    return result


def _strip(shown: str) -> str:
    """The console's output without the trailing prompt echo of the next line."""
    return "\n".join(line.rstrip() for line in shown.splitlines())


def render(steps: list[tuple[str, str]]) -> str:
    at = next(k for k, (line, _) in enumerate(steps) if line.strip() == SNAPSHOT)
    before, after = steps[:at], steps[at + 1 :]
    parts = [
        "# What Warmcall showed",
        "",
        "Generated by `python bench/coach_scenario.py` from `docs/coaching/scenario.md`; do not edit.",
        "`tests/test_coach_scenario.py` fails when this would change: re-rate in `ratings.md` first.",
        "",
        "## Thu 26 Nov 2026, 09:30 (Europe/Berlin): ten days on",
        "",
    ]
    for line, shown in after:
        if not line.strip() or line.startswith("#"):
            continue
        parts += [f"### `{line}`", "", "```text", _strip(shown), "```", ""]
    parts += ["## The run, line by line", "", "```text"]
    for line, shown in before:
        parts.append(f"> {line}")
        if shown.strip():
            parts.append(_strip(shown))
    parts += ["```", ""]
    return "\n".join(parts)


def coaching_text(markdown: str) -> str:
    """The part of outputs.md that is coaching: the final morning's digest, `/prep`'s due list and every
    contact's `/prep`; App Home and the run log are left out (their layout is not the coaching)."""
    snapshot = markdown.split("\n## The run", 1)[0]
    return snapshot.split("\n### `home`", 1)[0]


def prep_sections(markdown: str) -> dict[str, str]:
    """ "/prep priya" -> what that /prep showed, from outputs.md."""
    found = re.findall(r"### `(/prep [^`]+|digest|/prep)`\n\n```text\n(.*?)```", markdown, re.S)
    return dict(found)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="exit 1 if outputs.md would change")
    parser.add_argument("--print", action="store_true", help="print instead of writing outputs.md")
    args = parser.parse_args()
    text = render(run(scenario_lines()))
    if args.print:
        print(text)
        return 0
    if args.check:
        old = OUTPUTS.read_text(encoding="utf-8") if OUTPUTS.exists() else ""
        if coaching_text(old) != coaching_text(text):
            print(f"{OUTPUTS} is out of date: run python bench/coach_scenario.py", file=sys.stderr)
            return 1
        return 0
    OUTPUTS.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
