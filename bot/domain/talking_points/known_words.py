"""The words `_know` reads a contact's story by: outcomes, what was sent, what they said they would
send, what makes a deal ours. Data for bot.domain.talking_points.known."""

from __future__ import annotations

import re

from bot.domain.talking_points.facts import _stem
from bot.domain.talking_points.next_step import THEIR_CHAIN

_NAMES_A_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}", re.I
)
_REACHED_OUTCOMES = frozenset({"reached", "meeting", "later", "no"})
_TALKED = frozenset({"reached", "meeting", "later"})
_ONE_WAY = frozenset({"emailed", "messaged", "voicemail"})
_CONTRACT = _stem(
    "contract"
)  # "catering contract up end of Jan": theirs with someone else, unless it says us
_SENT_OUTCOMES = frozenset({"emailed", "messaged", "reached", "voicemail", "no-answer", "busy"})
_OURS = re.compile(r"^(?:our|my)\b", re.I)
# the contact said THEY would send something: "she'll send photos", "he promised to e-mail the floor plans"
_THEY_SEND = re.compile(
    r"(?:\b(?:she|he|they)(?:'ll|’ll| will| would| is going to| are going to| promised to| said (?:she|he|they)(?:'d|’d| would))|"
    + THEIR_CHAIN  # "has 2 clients for us, will send names"
    + r")\s+"
    r"(?:send|share|forward|e-?mail|post|dig out|look out|pass on|wa|whatsapp|text|message|msg|mail|get me)\s+(?:me\s+|us\s+|over\s+|across\s+|on\s+)?"
    r"(?!(?:either way|anyway|back|later|soon|tomorrow|next|this|then|if|when|once)\b)(?P<x>[^,;.!?]+)",
    re.I,
)
# a deal word in the notes from meeting them is a deal with YOU only when the clause says so
_WITH_US = re.compile(r"\b(?:our|us|we|my|me|i|you|your)\b|\bsent\b|\basked for\b|\bwants? (?:a|the)\b", re.I)
_MEETING_ASK = re.compile(
    r"\b(?:call|chat|meeting|talk|catch-?up|coffee|slot|time|moment|reply|answer|response|intro|introduction|demo|visit)s?$",
    re.I,
)
_DETERMINED = re.compile(
    r"(?:the|a|an|our|my|your|their|his|her|its|some|any|two|three|four|five|\d+)\b", re.I
)
_PROPOSED = re.compile(r"\b(?:asked|proposed|suggested|offered|invited|requested|quoted|pitched)\b", re.I)
# where what you sent ends: "the invitation and asked when suits her" → "the invitation"
_SENT_END = re.compile(
    r"(?:\s+(?:and|then|but|so)\s+|\s*[+&]\s*)(?:asked|said|told|offered|suggested|mentioned|left|called|rang|will|"
    r"she|he|they|i|we)\b.*$|\s+(?:today|yesterday|this morning|just now|earlier|already|after(?!-)|afterwards|then|"
    r"since|because|as (?:she|he|they|(?:Dr\.? |Mr\.? |Ms\.? |Mrs\.? )?[A-Z][\w'’-]+ asked)|to (?!(?:her|him|them)\b)[A-Z][\w'’-]+)\b.*$",
    # "… since she asked about drought": why, not what; "after-hours options to Sam as Dr X asked": the options
    re.I,  # "sent him our ISO cert today": the cert, never "your ISO cert today on 8 December"
)
# Asking for the price is a next step (send it), not yet a deal to ask about
_PRICE_ONLY = frozenset({_stem("pricing"), _stem("price"), _stem("quote")})
# they said they would ring you: "he'll ring me after the 17th", "she said she'd call us once the board has met"
_THEY_RING = re.compile(
    r"\b(?:she|he|they)(?:'ll|’ll| will| would| said (?:she|he|they)(?:'d|’d| would))\s+(?:ring|call|phone|get back to)\s+"
    r"(?:me|us)\s+(?P<when>(?:after|on|by|once|when|next|in|early|end of|before)\b[^,.;!?]*)",
    re.I,
)
# a company field that names no company: "of independent", "of freelance", "of retired"
_NO_FIRM = re.compile(
    r"(?:independent|freelance|freelancer|self[- ]employed|retired|none|n/?a|-+|\?+|private|own account|"
    r"sole trader|consultant|unknown|tbc|tbd)",
    re.I,
)
# how they said to reach them: by phone, never in writing ("phone only, no email", "calls only")
_CHAT_APP = re.compile(r"\b(?:WhatsApp|Whatsapp|whatsapp|Signal|Telegram|Viber|WeChat|LINE|KakaoTalk)\b")
_PHONE_ONLY = re.compile(
    r"\b(?:phone|calls?) only\b|\bno e-?mails?\b|\bdoesn'?t (?:read|do) e-?mails?\b", re.I
)

# a pilot of their own: "runs the 20 e-bus pilot", "leads their solar pilot": no deal with you; and a
# decision on their own grant or permit
_THEIR_PILOT = re.compile(
    r"\b(?:runs?|running|ran|leads?|leading|manages?|managing|heads?|heading|in charge of|their|his|her|its)\s+"
    r"(?:(?!our\b|my\b)[\w'’-]+\s+){0,4}pilot\b|"
    # a place or a scale, not a trial with you: "hoods in pilot plant lab keep shrieking", "pilot line"
    r"\bpilot[- ](?:plant|line|lab|scale|hall|facility|project|site|study|phase)s?\b|"
    # a decision on their own funding or permit ("grant decision Feb"): theirs, no deal with you
    r"\b(?:grant|funding|lottery|planning|visa|licen[cs]e|loan)\s+(?:app\w*\s+)?(?:decision|outcome|result)s?\b",
    re.I,
)

# "asked me abt charging for the e-minibus pilot": a pilot of theirs they asked about, no deal with you
_ABOUT_A_PILOT = re.compile(
    r"\b(?:for|about|abt|re|on|of)\s+the\s+(?:(?!our\b|my\b)[\w'’-]+\s+){0,3}pilot\b", re.I
)

# a promise whose thing was said before it: "send both", "get her them"
_SAID_BEFORE = re.compile(
    r"\w+\s+(?:(?:her|him|them)\s+)?(?:both|them|it|those|these|everything|all of it|all three|the lot)", re.I
)

# a name they went to find for you: "he'll ask around who runs the bulk belts at the port"
_THEY_FIND = re.compile(
    r"(?:\b(?:she|he|they)(?:'ll|’ll| will| would| is going to| are going to| promised to| said (?:she|he|they)(?:'d|’d| would))|"
    + THEIR_CHAIN  # "has 2 clients for us, will send names"
    + r")\s+"
    r"(?:ask around|find out|dig up|check|look into)\s+(?:for\s+)?(?:who|whoever)\s+(?P<x>[^,;.!?]+)",
    re.I,
)

_OUTCOME_WORDS = {
    "reached": "you spoke",
    "voicemail": "voicemail",
    "no-answer": "no answer",
    "emailed": "you e-mailed",
    "messaged": "you sent a message",
    "meeting": "meeting booked",
    "later": "call back later",
    "no": "they said no",
}
