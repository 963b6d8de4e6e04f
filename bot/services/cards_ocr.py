"""Reading a photo of a business card: the image checked and turned upright (Pillow), its text read by
RapidOCR with the PP-OCRv6 models shipped inside the `rapidocr` wheel (run on CPU by onnxruntime; given
by path, so nothing is ever downloaded), then laid out by bot.domain.cards. All three come with the
`cards` extra; without it, `cards_enabled()` is False and the app says cards are not enabled.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.domain.cards import Card, OcrLine, Unreadable, box_of, read_card
from bot.domain.contact_details import PHONE_REGION

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a card
WORK_SIDE = 1280  # the longer side OCR sees: enough for a card's small print, fast on one core
IMAGE_TYPES = ("jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "bmp", "tiff")
NOT_ENABLED = (
    "Reading business cards is not enabled in this install of Warmcall. Ask whoever runs it to "
    "install the `cards` extra (`pip install 'warmcall[cards]'`), or add the contacts with /met."
)
TOO_BIG = (
    f"is over {MAX_IMAGE_BYTES // 1024 // 1024} MB. Send a smaller photo (a phone's normal photo is fine)."
)
NOT_IMAGE = "isn't a photo I can read. Send a JPEG or PNG photo of the card."
HEIC = (
    "is a HEIC photo, which I can't read. On an iPhone, choose Settings → Camera → Formats → Most "
    "Compatible, or share the photo as JPEG, and send it again."
)

# The models inside the rapidocr wheel (3.10 and later). PP-OCRv6's recogniser reads accented Latin
# letters (Zoë, Müller, Fernández), which the PP-OCRv4 models of `rapidocr-onnxruntime` read plainly.
MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}

_engine = None
_engine_lock = threading.Lock()
_reading_lock = threading.Lock()


@dataclass(frozen=True)
class ImageRefused:
    """The image can't be read at all; `message` is a sentence that follows the file's name."""

    message: str


def _model_folder() -> Path | None:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "models"


def cards_enabled() -> bool:
    """Whether this install has the `cards` extra: RapidOCR with its models in the wheel, onnxruntime to
    run them, and Pillow."""
    if any(importlib.util.find_spec(name) is None for name in ("onnxruntime", "PIL")):
        return False
    folder = _model_folder()
    return folder is not None and all((folder / name).is_file() for name in MODEL_FILES.values())


def _ocr():
    """One engine per process, its three models loaded at once (~1 s, ~150 MB)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR  # the optional `cards` extra

            folder = _model_folder()
            params: dict[str, object] = {
                "Global.log_level": "warning",
                # one thread: the OCR of one card never takes every core from the app's other requests
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
            # by path: RapidOCR downloads a model it is only named, and this app never downloads
            params |= {f"{step}.model_path": str(folder / name) for step, name in MODEL_FILES.items()}
            engine = RapidOCR(params=params)
            for load in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
                if callable(
                    warm := getattr(engine, load, None)
                ):  # loaded lazily otherwise: on the first card
                    warm()
            _engine = engine
        return _engine


def looks_like_heic(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")


def upright_image(data: bytes):
    """The photo as an upright RGB Pillow image no longer than WORK_SIDE, or why it can't be read."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # the optional `cards` extra

    if len(data) > MAX_IMAGE_BYTES:
        return ImageRefused(TOO_BIG)
    if looks_like_heic(data):
        return ImageRefused(HEIC)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                return ImageRefused(TOO_BIG)
            image = ImageOps.exif_transpose(opened)  # a phone's EXIF rotation, applied
            image = image.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        return ImageRefused(NOT_IMAGE)
    scale = WORK_SIDE / max(image.size)
    if scale < 1 or scale > 1.25:  # small photos too: OCR reads small print better a little larger
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return image


def ocr_lines(image) -> list[OcrLine]:
    """The text lines RapidOCR reads on a Pillow image."""
    import numpy  # comes with the `cards` extra

    engine = _ocr()
    with _reading_lock:  # one card at a time per process: its memory (~0.6 GB at peak) is not multiplied
        found = engine(numpy.asarray(image)[:, :, ::-1])  # RapidOCR reads OpenCV's BGR order
    if getattr(found, "boxes", None) is None:
        return []
    return [
        OcrLine(str(text), box_of(points), float(score))
        for points, text, score in zip(found.boxes, found.txts, found.scores, strict=False)
    ]


def read_photo(data: bytes, region: str = PHONE_REGION) -> Card | Unreadable | ImageRefused:
    """One photo of a card: its fields, or why nothing was read from it."""
    image = upright_image(data)
    if isinstance(image, ImageRefused):
        return image
    try:
        lines = ocr_lines(image)
    except Exception:
        log.exception("OCR failed on an image")
        return Unreadable("I couldn't read that image. Photograph the card again and send the new photo.")
    return read_card(lines, region)
