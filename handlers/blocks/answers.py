"""Block Kit for the answers to DM questions (bot.services.answers): who is due, what you promised, who
you know somewhere, what happened with someone last, how your week went; and the short list of what
can be asked, which is also the answer to a line nobody could read."""

from __future__ import annotations

import datetime as dt

from bot.domain.cadence import OUTCOME_LABELS
from bot.domain.dates import day_label
from bot.domain.questions import Ask
from bot.domain.vocabulary import Outcome
from bot.services.answers import Guide, LastWith, People, Person, Week, Whom
from handlers.blocks.kit import Block, clip, context, escape, section

QUESTIONS = (
    "*You can ask me:*\n"
    "• `who should I call today?` · `who is due this week?`\n"
    "• `what did I promise?`\n"
    "• `who do I know at Globex?` · `who did I meet at PyCon?` · `who is tagged investor?`\n"
    "• `what happened with Jane last?`\n"
    "• `how did my week go?`"
)
LOGGING = (
    "*Or tell me what happened, and I'll log it:*\n"
    "• `spoke to Jane: wants the case study` · `Jane picked up` · `called Jane, voicemail`\n"
    "• `left Ravi a voicemail` · `emailed Tom: sent the checklist` · `texted Ana: running late`\n"
    "• `met Tom Lee of Globex at the meetup yesterday` · `snooze Ravi 2w` · `done Jane`"
)
ASK_OR_LOG = f"{QUESTIONS}\n\n{LOGGING}"


def what_can_be_asked(lead: str | None = None) -> dict:
    """The list of questions and log lines; `lead` says why it is shown (a line we could not read)."""
    blocks: list[Block] = []
    if lead:
        blocks.append(section(lead))
    blocks.append(section(QUESTIONS))
    blocks.append(section(LOGGING))
    return {"text": lead or "What you can ask Warmcall", "blocks": blocks}


def answer_message(result: object) -> dict | None:
    """The thread reply for an answer, or None when `result` is no answer to a question."""
    if isinstance(result, Guide):
        if result.kind is Ask.HOW_TO_LOG:
            return {
                "text": "How to log a call",
                "blocks": [
                    section(
                        "Tell me in one line how it went, and I'll log it and say when to call next:\n"
                        "• `spoke to Jane: wants the case study`\n• `Jane picked up`\n"
                        "• `left Ravi a voicemail` · `called Ravi, no answer`\n"
                        "• `emailed Tom: sent the checklist` · `texted Ana: running late`\n"
                        "Or use `/called`, or the *Log call* buttons on your morning list."
                    )
                ],
            }
        return what_can_be_asked()
    if isinstance(result, People):
        return _people(result)
    if isinstance(result, LastWith):
        return _last_with(result)
    if isinstance(result, Whom):
        return _whom(result)
    if isinstance(result, Week):
        return _week(result)
    return None


def _when(day: dt.date | None, today: dt.date) -> str:
    if day is None:
        return "no follow-up set"
    if day < today:
        late = (today - day).days
        return f"overdue since {day_label(day, today)} ({late} day{'s' if late != 1 else ''})"
    if day == today:
        return "due today"
    return f"due {day_label(day, today)}"


def _line(person: Person, today: dt.date, kind: Ask) -> str:
    name = f"*{escape(person.name)}*" + (f" ({escape(person.company)})" if person.company else "")
    if kind is Ask.PROMISES:
        by = f" — by {day_label(person.promise_due, today)}" if person.promise_due else ""
        late = " ⚠️ late" if person.promise_due and person.promise_due < today else ""
        return f"• {name}: {escape(clip(person.promise or '', 200))}{by}{late}"
    parts = [_when(person.next_due, today) if person.stage != "let_go" else "let go"]
    if kind in (Ask.DUE_TODAY, Ask.DUE_WEEK) and person.why:
        parts.append(escape(clip(person.why, 150)))
    if kind in (Ask.AT_COMPANY, Ask.WITH_TAG) and person.event:
        parts.insert(0, f"met at {escape(person.event)}")
    if kind is Ask.WITH_TAG and person.tags:
        parts.append(" ".join(f"#{escape(t)}" for t in person.tags))
    if person.promise and kind is not Ask.PROMISES:
        parts.append(f"you promised: {escape(clip(person.promise, 80))}")
    return f"• {name} — " + " · ".join(parts)


_EMPTY = {
    Ask.DUE_TODAY: "Nobody is due today. 🎉 Ask `who is due this week?` to look ahead.",
    Ask.DUE_WEEK: "Nobody is due this week.",
    Ask.PROMISES: "You have no open promises. 👍",
    Ask.AT_COMPANY: "I don't know anyone at “{about}”. Check the spelling, or ask `who did I meet at …?`.",
    Ask.FROM_EVENT: "I don't know anyone from “{about}”. Check the spelling, or ask `who do I know at …?`.",
    Ask.WITH_TAG: "Nobody is tagged “{about}”. Tags are added in a contact's Edit form or with `/met … #tag`.",
}


def _people(answer: People) -> dict:
    q, today = answer.question, answer.today
    about = escape(answer.question.about)
    if answer.no_contacts:
        text = "You have no contacts yet. Add one with `met Jane Doe of Acme at PyCon`."
        return {"text": text, "blocks": [section(text)]}
    if not answer.total:
        text = _EMPTY[q.kind].format(about=about)
        return {"text": text, "blocks": [section(text)]}
    n = answer.total
    people = f"{n} {'person' if n == 1 else 'people'}"
    lead = {
        Ask.DUE_TODAY: f"*{people} to call today*",
        Ask.DUE_WEEK: f"*{people} due by {day_label(answer.until, today)}*" if answer.until else "",
        Ask.PROMISES: f"*You have {n} open promise{'s' if n != 1 else ''}*",
        Ask.AT_COMPANY: f"*{people} at “{about}”*",
        Ask.FROM_EVENT: f"*{people} from “{about}”*",
        Ask.WITH_TAG: f"*{people} tagged #{about}*",
    }[q.kind]
    if answer.looked_in == "event":
        lead = f"*Nobody at a company called “{about}”; {people} you met at “{about}”:*"
    elif answer.looked_in == "company":
        lead = f"*No event called “{about}”; {people} at a company called “{about}”:*"
    lines = [_line(p, today, q.kind) for p in answer.people]
    blocks: list[Block] = [section(lead + "\n" + "\n".join(lines))]
    more = n - len(answer.people)
    tips = []
    if more > 0:
        tips.append(f"…and {more} more — App Home lists them all.")
    if q.kind in (Ask.DUE_TODAY, Ask.DUE_WEEK):
        tips.append("When you've called, tell me how it went: `spoke to NAME: …` or `left NAME a voicemail`.")
    if q.kind is Ask.PROMISES:
        tips.append("Kept one? Say `done NAME`.")
    if tips:
        blocks.append(context(" ".join(tips)))
    return {"text": lead.strip("*:"), "blocks": blocks}


_DID = {
    Outcome.REACHED.value: "you spoke",
    Outcome.VOICEMAIL.value: "you left a voicemail",
    Outcome.NO_ANSWER.value: "no answer",
    Outcome.BUSY.value: "the line was busy",
    Outcome.WRONG_NUMBER.value: "wrong number",
    Outcome.EMAILED.value: "you e-mailed",
    Outcome.MESSAGED.value: "you sent a message",
    Outcome.MEETING.value: "you booked a meeting",
    Outcome.LATER.value: "they said later",
    Outcome.NO.value: "they said no",
}


def _last_with(answer: LastWith) -> dict:
    person, today = answer.person, answer.today
    name = escape(person.name) + (f" ({escape(person.company)})" if person.company else "")
    if not answer.history:
        lead = f"*{name}*: nothing logged yet" + (
            f" (you met at {escape(person.event)})." if person.event else "."
        )
    else:
        newest = answer.history[0]
        kind = {Outcome.EMAILED.value: "e-mail", Outcome.MESSAGED.value: "message"}.get(
            newest.outcome, "call"
        )
        lead = f"*{name}* — last {kind} {day_label(newest.on, today)}: {_DID.get(newest.outcome, newest.outcome)}."
    lines = [lead]
    for entry in answer.history:
        label = OUTCOME_LABELS.get(Outcome(entry.outcome), entry.outcome)
        note = f" — “{escape(clip(' '.join(entry.notes.split()), 200))}”" if entry.notes else ""
        lines.append(f"• {day_label(entry.on, today)}: {label}{note}")
    if answer.meeting_on:
        lines.append(f"📅 Meeting booked for {day_label(answer.meeting_on, today)}.")
    if person.promise:
        by = f" by {day_label(person.promise_due, today)}" if person.promise_due else ""
        lines.append(f"🤝 You promised: {escape(clip(person.promise, 200))}{by}.")
    lines.append(f"Next: {_when(person.next_due, today) if person.stage != 'let_go' else 'let go'}.")
    return {"text": f"What happened with {person.name}", "blocks": [section("\n".join(lines))]}


def _whom(answer: Whom) -> dict:
    query = escape(answer.query)
    if answer.choices:
        names = " · ".join(escape(c.choice_label) for c in answer.choices[:8])
        text = f"Several contacts match “{query}”: {names}. Ask again with the full name."
    elif answer.suggestions:
        names = " · ".join(escape(c.name) for c in answer.suggestions[:5])
        text = f"I don't know anyone called “{query}”. Did you mean {names}?"
    else:
        text = f"I don't know anyone called “{query}”. Check the spelling, or add them with `met {query} …`."
    return {"text": text, "blocks": [section(text)]}


def _week(w: Week) -> dict:
    if not w.tries:
        lead = f"*Your week so far (since {day_label(w.since, w.today)})*: no calls logged yet."
    else:
        lead = (
            f"*Your week so far (since {day_label(w.since, w.today)})*: {w.tries} "
            f"tr{'y' if w.tries == 1 else 'ies'} with {w.people} {'person' if w.people == 1 else 'people'}, "
            f"{w.reached} reached."
        )
    lines = [lead]
    details = []
    if w.unanswered:
        details.append(f"{w.unanswered} unanswered")
    if w.emails:
        details.append(f"{w.emails} e-mail{'s' if w.emails != 1 else ''}")
    if w.messages:
        details.append(f"{w.messages} message{'s' if w.messages != 1 else ''}")
    if w.meetings:
        details.append(f"{w.meetings} meeting{'s' if w.meetings != 1 else ''} booked")
    if details:
        lines.append("• " + " · ".join(details))
    lines.append(f"• Promises kept: {w.kept} · still open: {w.still_open}")
    lines.append(f"• Streak: {w.streak} day{'s' if w.streak != 1 else ''}")
    if w.due_now:
        lines.append(f"• Still due today: {w.due_now} — ask `who should I call today?`")
    return {"text": "How your week went", "blocks": [section("\n".join(lines))]}
