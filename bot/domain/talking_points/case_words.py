"""The words a request or a step of yours is said in (read by case._deliverables): "I'll send…", "next
step: …", "asked for…", "needs the ballpark by…", "quote needed by 8 Jan", and where the thing ends."""

from __future__ import annotations

import re

from bot.domain.talking_points.case_items import _DELIVERABLE
from bot.domain.talking_points.facts import _ABBREVIATED

_STEP_RE = re.compile(
    r"\b(?:i'll|i’ll|i will|i'm going to|i am going to|i need to|i have to|(?<!said )(?<!says )i must|i promised to|"
    r"i said i'd|i said i would|i offered to|i'm to|we'll(?! be\b)|we will(?! be\b)|"
    r"(?<!he )(?<!she )(?<!they )(?<!who )said (?:i'd|i’d|id|i would|we'd|we would) |"  # "said I'd send him …"
    r"(?:told|promised) (?:her|him|them) (?:i'd|i’d|i would|we'd|we’d|we would)|"
    r"(?:told|promised) (?:her|him|them) (?=quote (?:for|on) )|"  # "told him quote for the rebuild by Fri"
    r"next steps?\s*(?::|is|are|-)?\s*(?:to\s+|for me to\s+|me to\s+)?|to ?do\s*:|action\s*:)\s*"
    r"(?P<rest>[a-z](?:[^;.\n]|\.(?=\w)|" + _ABBREVIATED + r")*)",  # "the cost incl. SIM + install"
    re.I,
)
# what someone "needs" that only a supplier hands over ("still needs the ballpark"), not their own work
_FROM_YOU = (
    r"quotes?|quotation|pro ?formas?|invoices?|prices?|pricing|ballparks?|estimates?|proposals?|costings?|references?|"
    r"samples?|specs?|datasheets?|certs|certificates?|case stud(?:y|ies)|figures?|numbers|rates|rate card|price list|drawings?|"
    r"options|designs?|layouts?|mock-?ups?|sketches|renderings?|schedules?|cop(?:y|ies) of|photos? of|portfolio"
)
# what a lender or a board asks of them that a supplier gives: "three competing quotes", not "the roof certificate"
_YOURS_TO_GIVE = re.compile(
    r"\b(?:quotes?|quotation|pro ?formas?|invoices?|prices?|pricing|ballparks?|estimates?|proposals?|costings?|"
    r"references?|rates|rate card|price list)\b",
    re.I,
)
# "our rate card": yours; "4 tourist info totems" is totems, a thing to buy ("info" or "data" only names them)
_DETERMINED = (
    r"(?=(?:our|my)\s|(?:[\w'’-]+\s+){0,3}(?:(?!(?:info|information|data)\b)(?:" + _DELIVERABLE + r")\b"
    r"|(?:info|information|data)\b(?!\s+(?!(?:" + _DELIVERABLE + r")s?\b)[^\W\d_]{3,}s\b)))"
)
_ASK_RE = re.compile(
    r"\b(?:wants? to (?:see|read|get|have|review|receive)|would like to (?:see|read|get|have)|"
    r"(?:asked|asks|is asking|(?:replied|wrote back|responded|answered|came back) asking) (?:me |us )?(?:for\b|[-—–:]+\s*|to (?:send|share|see|get)|(?=(?:a |the |our |my )?(?:(?!if |whether )[\w+-]+ )?(?:price|quote|rates?)\b))|"
    r"requested|(?:her|his|their) (?:ask|request)\s*[-:—–]+\s*|"
    # "wants written answer on EU route by mid-Jan": an answer from you is a thing to send
    r"(?:wants?|needs?|expects?)\s+(?=(?:an?\s+)?(?:written|clear|firm|final|straight)\s+(?:answer|reply|response)\b)|needs? (?:me|us) to (?:send|share|get)|has to have|must have|"
    # "open to a night-time noise check": a yes to a step of yours, a day to fix
    r"(?:open to|up for|agreed to|said yes to)\s+(?=(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:check|visit|survey|demo|trial|"
    r"test|audit|walk-?round|walkthrough|measurement|pilot|inspection|assessment)\b)|"
    r"(?<!about )(?<!of )(?<!from )(?<!days )(?<!weeks )(?<!hours )(?<!was )(?<!were )(?<!without )(?:is )?waiting (?:for|on)(?!\s+(?:the\s+)?(?:budget|funding|approval|sign-?off|grant|permission|"
    r"permit|money|payment|board|council|vote|decision|government|ministry)\b)|"
    # a bare "wants" is a need unless what follows is a thing: "wants a quote", not "wants bees"
    r"(?:wants?|wanted|would like|would love|needs? to have)\s+" + _DETERMINED + r"|"
    # "still needs the ballpark by the 23rd": a need for a thing you send is a request
    r"needs?\s+(?=(?:the|a|an|our|your|some|two|three|\d+)\s+(?:[\w'’-]+\s+){0,2}(?:" + _FROM_YOU + r")\b)|"
    # "they still need fee estimate per hire before 8/1": still owed, though typed without "a"
    r"\bstill needs?\s+(?=(?:[\w'’-]+\s+){0,2}(?:" + _FROM_YOU + r")\b)|"
    # "can list us, need copy of the trade licence + 4 photos by Fri": papers from you, typed without "a"
    r"(?<!\bI )(?<!\bwe )needs?\s+(?=(?:cop(?:y|ies)|photos?) of\b)|"
    # "needs a weekly rate from me before then", "needs a grading report in hand before the cutoff": yours
    r"needs?\s+(?=(?:the|a|an|our|some|two|three|\d+)\s+(?:[\w'’-]+\s+){0,3}(?:from (?:me|us)|in hand)\b))"
    r"\s*(?P<rest>(?:[^;.\n]|\.(?=[A-Za-z]))+)",  # "Ph.Eur monograph cert": a dot inside a word stays
    re.I,
)
# A request said noun first: "quote needed by 8 Jan", "wants: written price before the 14th"
_ASK_NOUN_RE = re.compile(
    r"(?:^\s*|[,:;]\s*|\b(?:and|needs?|wants?)\s+)(?P<rest>(?:(?:a|an|the|our|my|your|written|rough|firm|fixed|full)\s+)*"
    r"(?:quote|quotation|pro ?forma|price|estimate|proposal|costing|rates?|samples?|spec|specs|drawings?|references?)"
    r"(?:\s+for\s+[^;.\n,]{1,40}?)?)\s+(?:needed\s+|wanted\s+|due\s+|in\s+|"
    r"(?:must|has to|needs to|should) be with (?:her|him|them)\s+)?(?:by|before)\s",  # "quote must be with her by"
    re.I,
)
# a step of yours said as news: "said the proposal is on its way", "told her the samples are on their way"
_ON_ITS_WAY = re.compile(
    r"\b(?:said|told (?:her|him|them))\s+(?P<rest>(?:the|our|my)\s+[\w' -]{2,40}?)\s+(?:is|are)\s+on (?:its|their|the) way\b",
    re.I,
)
# After the thing: where its words stop ("… so she can", "… once she has read them", "… and call")
_THING_END = re.compile(
    # a comma ends the thing, unless a list goes on: "company reg cert, tax clearance + 2 reference letters"
    r"\s*(?:,(?!\d)(?!\s*(?!(?:she|he|they|i|we|it|her|his|their|call|ring|then)\b)[\w'’ -]{2,40}?\s(?:\+|&|and)\s+"
    r"(?:\d+\s+)?(?!(?:call|ring|then|she|he|they|i|we|her|his|their)\b)\w)|\bbut\b|\bbefore (?:he|she|they|it|we|i)\b|\bas part of\b|\b(?:has|is|was|are|were|had)\b|\b(?:before|by|after|until|ahead of)\s+(?:then|that|it|this|we)\b|\band (?=(?:call|ring|phone|then|follow|ask|see|check|send|get|book|come|talk|meet|chat|let|keep|try|go|make|have|be|will|would|can|could|should|wants?|needs?|said|says|asked|she|he|they|i|we|it|that|suggest|offer|share|set|arrange|introduce|invite|discuss|schedule|plan|confirm|update|agree|review|sort|fix|visit|show|walk|give|do|take|put|loop|cc|email|e-mail|text|message|write|prepare|draft|find|look|think|propose|pitch|quote|price|run|start|order|bring|drop|post|call)\b)|\band then\b|\bthen\b|\bso\b|\bonce\b|\bwhen\b|\bbecause\b|\bas\b|\band call\b|\band ring\b|"
    r"\bthat way\b|(?<!about )(?<!on )(?<!over )\bwhich\b|\bfor (?:his|her|their) (?:board|team)\b).*$",
    re.I,
)
