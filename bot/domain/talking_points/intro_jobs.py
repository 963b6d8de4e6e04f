"""Introductions for a job: someone looking for work and an employer hiring for what they do (split from
intros.py). Pure."""

from __future__ import annotations

from bot.domain.talking_points.facts import _GENERIC_TOPICS, _JOBISH, _NEED_LEAD, _STOPWORDS, _Need, _Profile


def _job_fit(seeker: _Profile, employer: _Profile) -> tuple[_Need, str] | None:
    """The employer's hiring need that fits what the job seeker does, and the seeker's words for it:
    a platform engineer looking for a role fits "hiring two platform engineers", never "hiring 20
    teachers". The fit is a shared specific word of the seeker's own (not the need itself)."""
    if not employer.hiring:
        return None
    mine = {
        s: k
        for k, s in enumerate(seeker.provides)
        if s
        and s not in _STOPWORDS
        and s not in _NEED_LEAD
        and s not in _JOBISH
        and not s.isdigit()
        and s not in _GENERIC_TOPICS
    }
    if not mine:
        return None
    for need in employer.needs:
        if not need.display.startswith("hiring"):
            continue
        shared = [mine[s] for s in need.stems if s in mine]
        if shared:
            first, last = min(shared), max(shared)
            if last - first > 3:
                last = first
            # the seeker's own words around it: "engineer" is said "platform engineer"
            while (
                first > 0
                and last - first < 3
                and seeker.provides[first - 1] in mine
                and seeker.text[seeker.spans[first - 1][1] : seeker.spans[first][0]].strip(" -") == ""
            ):
                first -= 1
            field = seeker.text[seeker.spans[first][0] : seeker.spans[last][1]]
            return need, field
    return None


def _seeker(need: _Need, field: str) -> str:
    """ "a platform engineer looking for a new role": the need said with who is looking."""
    field = " ".join(field.split())
    if not field or any(ch in field for ch in ",;:.()"):
        return need.display
    field = field[0].lower() + field[1:] if field[:1].isupper() and not field[:2].isupper() else field
    article = "an" if field[:1].lower() in "aeiou" else "a"
    return f"{article} {field} {need.display}"
