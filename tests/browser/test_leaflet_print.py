"""Each leaflet web page, printed from the browser on A4, fits on two pages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

LEAFLETS = ("mentee", "mentor", "line-manager")
PRINT_MARGIN = {"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"}  # a browser's default; @page rules win


@pytest.mark.parametrize("role", LEAFLETS)
def test_leaflet_prints_on_two_a4_pages(page: Any, site: Path, screenshots: Path, role: str) -> None:
    from playwright.sync_api import expect

    assert (site / "leaflets" / role / "index.html").is_file(), f"no leaflet page leaflets/{role}/"
    page.goto(f"leaflets/{role}/")
    expect(page.locator("article h1")).to_be_visible()
    if role == "mentee":
        page.screenshot(path=str(screenshots / "leaflet-mentee.png"), full_page=True)
        print(f"mentee leaflet screenshot: {screenshots / 'leaflet-mentee.png'}")

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", margin=PRINT_MARGIN)
    (screenshots / f"leaflet-{role}-print.pdf").write_bytes(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages <= 2, f"leaflets/{role}/ prints on {pages} A4 pages (see {screenshots / f'leaflet-{role}-print.pdf'})"
    page.log.assert_clean()
