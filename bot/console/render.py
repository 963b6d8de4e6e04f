"""Block Kit → terminal text: headers, mrkdwn, fields, context, dividers and numbered buttons (feedback
buttons too, one number each).

Pure functions of the payload (no I/O), so the console's look can be tested on a sample message.
Colour is ANSI and only used when asked for (a TTY without NO_COLOR).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

RESET, BOLD, DIM, ITALIC, UNDERLINE = "\033[0m", "\033[1m", "\033[2m", "\033[3m", "\033[4m"
GREEN, RED, CYAN, YELLOW, MAGENTA = "\033[32m", "\033[31m", "\033[36m", "\033[33m", "\033[35m"

_LINK = re.compile(r"<([^<>]+)>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")
_CODE = re.compile(r"`([^`\n]+)`")
_PRE = re.compile(r"```\n?(.*?)\n?```", re.DOTALL)
_QUOTE = re.compile(r"^(?:>|&gt;) ?", re.MULTILINE)
_FIELD = re.compile(r"^\*([^*\n]+)\*\n(.*)$", re.DOTALL)
# Slack shortcodes → the emoji Slack shows. Every shortcode the app's own text uses must be here
# (tests/test_console.py greps handlers/, bot/ and seeds/ for them); the rest are common ones a
# playbook file may use. An unknown shortcode is left as typed, the way Slack shows one.
_EMOJI = {
    ":warning:": "⚠️",
    ":white_check_mark:": "✅",
    ":heavy_check_mark:": "✔️",
    ":ballot_box_with_check:": "☑️",
    ":x:": "❌",
    ":no_entry:": "⛔",
    ":no_entry_sign:": "🚫",
    ":telephone_receiver:": "📞",
    ":telephone:": "☎️",
    ":phone:": "☎️",
    ":iphone:": "📱",
    ":fire:": "🔥",
    ":calendar:": "📆",
    ":date:": "📅",
    ":spiral_calendar_pad:": "🗓️",
    ":bulb:": "💡",
    ":wave:": "👋",
    ":tada:": "🎉",
    ":zzz:": "💤",
    ":hourglass:": "⌛",
    ":hourglass_flowing_sand:": "⏳",
    ":alarm_clock:": "⏰",
    ":clock9:": "🕘",
    ":memo:": "📝",
    ":pencil:": "📝",
    ":pencil2:": "✏️",
    ":star:": "⭐",
    ":sparkles:": "✨",
    ":handshake:": "🤝",
    ":double_vertical_bar:": "⏸️",
    ":pause_button:": "⏸️",
    ":arrow_forward:": "▶️",
    ":seedling:": "🌱",
    ":herb:": "🌿",
    ":busts_in_silhouette:": "👥",
    ":bust_in_silhouette:": "👤",
    ":wastebasket:": "🗑️",
    ":gift:": "🎁",
    ":sunny:": "☀️",
    ":sun_with_face:": "🌞",
    ":email:": "📧",
    ":envelope:": "✉️",
    ":incoming_envelope:": "📨",
    ":mailbox:": "📫",
    ":link:": "🔗",
    ":pushpin:": "📌",
    ":round_pushpin:": "📍",
    ":bookmark:": "🔖",
    ":books:": "📚",
    ":book:": "📖",
    ":page_facing_up:": "📄",
    ":clipboard:": "📋",
    ":chart_with_upwards_trend:": "📈",
    ":bar_chart:": "📊",
    ":dart:": "🎯",
    ":trophy:": "🏆",
    ":medal:": "🏅",
    ":muscle:": "💪",
    ":clap:": "👏",
    ":raised_hands:": "🙌",
    ":pray:": "🙏",
    ":thumbsup:": "👍",
    ":+1:": "👍",
    ":thumbsdown:": "👎",
    ":-1:": "👎",
    ":ok_hand:": "👌",
    ":point_right:": "👉",
    ":eyes:": "👀",
    ":smile:": "😄",
    ":slightly_smiling_face:": "🙂",
    ":thinking_face:": "🤔",
    ":speech_balloon:": "💬",
    ":loudspeaker:": "📢",
    ":mega:": "📣",
    ":bell:": "🔔",
    ":no_bell:": "🔕",
    ":mag:": "🔍",
    ":key:": "🔑",
    ":lock:": "🔒",
    ":gear:": "⚙️",
    ":wrench:": "🔧",
    ":rocket:": "🚀",
    ":briefcase:": "💼",
    ":office:": "🏢",
    ":moneybag:": "💰",
    ":heavy_dollar_sign:": "💲",
    ":coffee:": "☕",
    ":microphone:": "🎤",
    ":ticket:": "🎫",
    ":admission_tickets:": "🎟️",
    ":repeat:": "🔁",
    ":arrows_counterclockwise:": "🔄",
    ":leftwards_arrow_with_hook:": "↩️",
    ":arrow_right:": "➡️",
    ":arrow_up:": "⬆️",
    ":arrow_down:": "⬇️",
    ":new:": "🆕",
    ":information_source:": "ℹ️",
    ":question:": "❓",
    ":exclamation:": "❗",
    ":heavy_plus_sign:": "➕",
    ":heavy_minus_sign:": "➖",
    ":red_circle:": "🔴",
    ":large_green_circle:": "🟢",
    ":large_yellow_circle:": "🟡",
    ":white_circle:": "⚪",
    ":heart:": "❤️",
    ":broken_heart:": "💔",
    ":snowflake:": "❄️",
    ":ice_cube:": "🧊",
    ":crystal_ball:": "🔮",
    ":mailbox_with_no_mail:": "📭",
}
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")


@dataclass
class Style:
    """ANSI styling, or none at all (piped output, NO_COLOR)."""

    color: bool = False

    def wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color and text else text

    def bold(self, text: str) -> str:
        return self.wrap(BOLD, text)

    def dim(self, text: str) -> str:
        return self.wrap(DIM, text)


@dataclass(frozen=True)
class Clickable:
    """An interactive element shown with a number; `block_id` is what Slack would send back."""

    number: int
    element: Json
    block_id: str


@dataclass
class Rendered:
    lines: list[str] = field(default_factory=list)
    clickables: list[Clickable] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def emojize(text: str) -> str:
    """Slack shortcodes (`:handshake:`) as the emoji Slack would show; unknown ones stay as typed."""
    if ":" not in text:
        return text
    return _SHORTCODE.sub(lambda m: _EMOJI.get(m.group(0), m.group(0)), text)


def plain_text(obj: Any) -> str:
    """The characters of a text object (either kind) or a bare string; a plain_text object's
    shortcodes as emoji (Slack's `"emoji": true`, its default; mrkdwn gets them in Renderer.mrkdwn)."""
    if isinstance(obj, dict):
        text = str(obj.get("text") or "")
        return text if obj.get("type") == "mrkdwn" or obj.get("emoji") is False else emojize(text)
    return str(obj or "")


class Renderer:
    """Renders one surface; numbers interactive elements from `first_number` on."""

    def __init__(
        self,
        style: Style | None = None,
        *,
        names: Callable[[str], str | None] | None = None,
        first_number: int = 1,
    ) -> None:
        self.style = style or Style()
        self.names = names or (lambda _user_id: None)
        self.next_number = first_number
        self.clickables: list[Clickable] = []

    # -- text ---------------------------------------------------------------------------------------

    def mrkdwn(self, text: str) -> str:
        """Slack mrkdwn to terminal text: links as "text (url)", mentions as @name, markers styled."""
        placeholders: list[str] = []

        def keep(rendered: str) -> str:
            placeholders.append(rendered)
            return f"\x00{len(placeholders) - 1}\x00"

        text = _PRE.sub(lambda m: keep(self.style.wrap(CYAN, m.group(1))), text or "")
        text = _QUOTE.sub("│ ", text)
        text = _CODE.sub(lambda m: keep(self.style.wrap(CYAN, f"`{m.group(1)}`")), text)
        text = _LINK.sub(lambda m: keep(self._link(m.group(1))), text)
        text = _BOLD.sub(lambda m: self.style.bold(m.group(1)), text)
        text = _ITALIC.sub(lambda m: self.style.wrap(ITALIC, m.group(1)), text)
        text = _STRIKE.sub(lambda m: self.style.wrap("\033[9m", m.group(1)), text)
        text = emojize(text)
        text = re.sub("\x00(\\d+)\x00", lambda m: placeholders[int(m.group(1))], text)
        return html.unescape(text) if "&" in text else text

    def _link(self, inner: str) -> str:
        target, _, label = inner.partition("|")
        label = html.unescape(label)
        if target.startswith("@"):
            user_id = target[1:]
            return self.style.wrap(CYAN, "@" + (label or self.names(user_id) or user_id))
        if target.startswith("#"):
            return self.style.wrap(CYAN, "#" + (label or target[1:]))
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return self.style.wrap(
                CYAN, label or ("@" + special if special in ("here", "channel", "everyone") else special)
            )
        target = html.unescape(target)
        if target.startswith("mailto:"):
            return label or target.removeprefix("mailto:")
        if label and label != target:
            return f"{self.style.wrap(UNDERLINE, label)} ({target})"
        return self.style.wrap(UNDERLINE, target)

    def text_object(self, obj: Any) -> str:
        if isinstance(obj, dict) and obj.get("type") == "mrkdwn":
            return self.mrkdwn(plain_text(obj))
        return plain_text(obj)

    # -- blocks -------------------------------------------------------------------------------------

    def blocks(self, blocks: list[Json] | None) -> Rendered:
        out = Rendered()
        start = len(self.clickables)
        for index, block in enumerate(blocks or []):
            if isinstance(block, dict):
                out.lines.extend(self.block(block, str(block.get("block_id") or f"b{index}")))
        out.clickables = self.clickables[start:]
        return out

    def block(self, block: Json, block_id: str) -> list[str]:
        kind = block.get("type")
        if kind == "header":
            title = plain_text(block.get("text"))
            if self.style.color:
                return [self.style.wrap(BOLD + UNDERLINE, title)]
            return [title, "=" * min(len(title), 60)]
        if kind == "section":
            return self._section(block, block_id)
        if kind == "context":
            parts = []
            for element in block.get("elements") or []:
                if isinstance(element, dict) and element.get("type") == "image":
                    parts.append(f"[{element.get('alt_text') or 'image'}]")
                else:
                    parts.append(self.text_object(element))
            return [self.style.dim(line) for line in "  ".join(parts).splitlines()]
        if kind == "divider":
            return [self.style.dim("─" * 40 if self.style.color else "-" * 40)]
        if kind == "image":
            title = plain_text(block.get("title"))
            alt = block.get("alt_text") or "image"
            return [f"[image: {alt}]" + (f" {title}" if title else "")]
        if kind == "actions":
            labels = [self.element(el, block_id) for el in block.get("elements") or []]
            return ["  ".join(label for label in labels if label)]
        if kind == "context_actions":
            labels = []
            for el in block.get("elements") or []:
                for clickable in _context_clickables(el):
                    labels.append(self.element(clickable, block_id))
            return ["  ".join(label for label in labels if label)]
        if kind == "input":
            return [self._input_summary(block)]
        if kind == "rich_text":
            return self._rich_text(block).splitlines()
        if kind == "markdown":
            return str(block.get("text") or "").splitlines()
        return []

    def _section(self, block: Json, block_id: str) -> list[str]:
        lines: list[str] = []
        if block.get("text") is not None:
            lines.extend(self.text_object(block["text"]).splitlines())
        for item in block.get("fields") or []:
            raw = plain_text(item)
            match = _FIELD.match(raw) if isinstance(item, dict) and item.get("type") == "mrkdwn" else None
            if match:
                label = self.mrkdwn(match.group(1))
                value = self.mrkdwn(match.group(2)).splitlines() or [""]
                lines.append(f"{self.style.bold(label + ':')} {value[0]}")
                lines.extend("    " + rest for rest in value[1:])
            else:
                lines.extend(self.text_object(item).splitlines())
        accessory = block.get("accessory")
        if isinstance(accessory, dict):
            label = self.element(accessory, block_id)
            if label:
                lines.append(label)
        return lines

    def element(self, element: Json, block_id: str) -> str:
        """One element's label; interactive ones get the next number and are remembered."""
        kind = element.get("type")
        if kind == "image":
            return f"[{element.get('alt_text') or 'image'}]"
        number = self.next_number
        self.next_number += 1
        self.clickables.append(Clickable(number, element, block_id))
        tag = f"[{number}]"
        if kind in ("feedback_buttons", "icon_button"):
            return self.style.dim(f"{tag} {plain_text(element.get('text'))}")
        if kind == "button":
            label = f"{tag} {plain_text(element.get('text'))}"
            if element.get("url"):
                label += f" ({element['url']})"
            color = {"primary": GREEN, "danger": RED}.get(str(element.get("style")))
            return self.style.wrap(BOLD + color, label) if color else self.style.bold(label)
        if kind in ("static_select", "overflow", "radio_buttons", "multi_static_select", "checkboxes"):
            placeholder = plain_text(element.get("placeholder")) or "choose"
            chosen = (element.get("initial_option") or {}).get("text")
            return self.style.bold(f"{tag} ▾ {plain_text(chosen) if chosen else placeholder}")
        if kind == "datepicker":
            return self.style.bold(f"{tag} 📅 {element.get('initial_date') or 'pick a date'}")
        return self.style.bold(f"{tag} {kind}")

    def _input_summary(self, block: Json) -> str:
        label = plain_text(block.get("label"))
        element = block.get("element") or {}
        value = (
            element.get("initial_value")
            or element.get("initial_date")
            or plain_text((element.get("initial_option") or {}).get("text"))
            or ""
        )
        return f"{self.style.bold(label + ':')} {value}".rstrip()

    def _rich_text(self, block: Json) -> str:
        def flat(node: Any) -> str:
            if isinstance(node, list):
                return "".join(flat(n) for n in node)
            if not isinstance(node, dict):
                return ""
            kind = node.get("type")
            if kind == "text":
                return str(node.get("text") or "")
            if kind == "link":
                return str(node.get("text") or node.get("url") or "")
            if kind == "user":
                return "@" + (self.names(str(node.get("user_id"))) or str(node.get("user_id")))
            if kind == "emoji":
                return emojize(f":{node.get('name')}:")
            inner = flat(node.get("elements") or [])
            if kind == "rich_text_list":
                return "\n".join(f"• {flat(item)}" for item in node.get("elements") or []) + "\n"
            if kind in ("rich_text_section", "rich_text_preformatted", "rich_text_quote"):
                return inner + "\n"
            return inner

        return flat(block.get("elements") or []).rstrip("\n")


def _context_clickables(element: Any) -> list[Json]:
    """A context_actions element as what can be pressed: a feedback_buttons element is two buttons,
    each standing for the element with the value Slack sends when that one is pressed."""
    if not isinstance(element, dict):
        return []
    if element.get("type") != "feedback_buttons":
        return [element]
    pressed = []
    for side in ("positive_button", "negative_button"):
        button = element.get(side) or {}
        pressed.append(
            {
                "type": "feedback_buttons",
                "action_id": element.get("action_id"),
                "text": button.get("text"),
                "value": button.get("value"),
            }
        )
    return pressed


def render_message(
    message: Json,
    *,
    style: Style | None = None,
    names: Callable[[str], str | None] | None = None,
    first_number: int = 1,
) -> Rendered:
    """A message (`text` + `blocks`) as lines; the top-level text is used only without blocks."""
    renderer = Renderer(style, names=names, first_number=first_number)
    if message.get("blocks"):
        return renderer.blocks(message["blocks"])
    return Rendered(lines=renderer.mrkdwn(str(message.get("text") or "")).splitlines())


def render_view(
    view: Json,
    *,
    style: Style | None = None,
    names: Callable[[str], str | None] | None = None,
    first_number: int = 1,
    skip_inputs: bool = False,
) -> Rendered:
    """A modal or Home view; with `skip_inputs` the input blocks are left out (they are asked instead)."""
    renderer = Renderer(style, names=names, first_number=first_number)
    blocks = [b for b in view.get("blocks") or [] if not (skip_inputs and b.get("type") == "input")]
    return renderer.blocks(blocks)
