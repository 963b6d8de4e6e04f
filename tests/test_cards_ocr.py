"""The OCR engine itself on photographed cards with accents (real RapidOCR, PP-OCRv6 models from the
`rapidocr` wheel): the names and companies come back exactly, accents included, and no model is ever
fetched from the network. Skipped without the `cards` extra."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import cards_ocr

pytest.importorskip("rapidocr", reason="the cards extra is not installed")
DATA = Path(__file__).parent / "data" / "cards"


@pytest.fixture(scope="module")
def fresh_engine_offline():
    """A new engine built while any download would fail, so the test shows the models come from the wheel."""
    from rapidocr.utils.download_file import DownloadFile

    patch = pytest.MonkeyPatch()

    def no_network(*args, **kwargs):
        raise AssertionError("RapidOCR tried to download a model")

    patch.setattr(DownloadFile, "_make_http_request", classmethod(no_network))
    patch.setattr(cards_ocr, "_engine", None)
    assert cards_ocr.cards_enabled()
    cards_ocr._ocr()
    yield
    patch.undo()


@pytest.mark.parametrize(
    ("photo", "region", "expected"),
    [
        pytest.param(
            "chloe_durand.jpg",
            "FR",
            {"name": "Chloé Durand", "company": "Café Lumière SAS", "phone": "+33612345678"},
            id="french-centred",
        ),
        pytest.param(
            "petra_kuehn.jpg",
            "FR",
            {"name": "Petra Kühn", "company": "Müller & Söhne GmbH", "email": "p.kuehn@mueller-soehne.de"},
            id="german-two-column-with-an-initial-in-the-e-mail",
        ),
        pytest.param(
            "chloe_durand.jpg",
            "US",
            {"phone": "+33612345678", "title": "Directrice commerciale"},  # the .fr domain says France
            id="a-french-card-read-in-new-york",
        ),
    ],
)
def test_a_photographed_card_with_accents_reads_exactly(fresh_engine_offline, photo, region, expected):
    card = cards_ocr.read_photo((DATA / photo).read_bytes(), region)
    assert {field: getattr(card, field) for field in expected} == expected


def test_the_engine_reads_models_from_the_wheel_by_path(fresh_engine_offline):
    engine = cards_ocr._ocr()
    folder = Path(__import__("rapidocr").__file__).parent / "models"
    for step, name in cards_ocr.MODEL_FILES.items():
        assert Path(str(engine.cfg[step].model_path)) == folder / name
