"""Every built page read on a phone (360 px) and a desktop (1280 px): nothing wider than the screen,
and nothing cut off. A wide table may scroll sideways inside its own scrolling box (Material wraps
every table in one); nothing else may overflow what holds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_every_page import site_pages

WIDTHS = (360, 1280)

# For one page: the document's overflow, and each element whose content is wider than it and is not
# shown by scrolling (an element that scrolls, or sits inside one that does, shows all of it).
OVERFLOW = """() => {
  const page = document.documentElement;
  const found = [];
  if (page.scrollWidth > window.innerWidth + 1) found.push(`the page is ${page.scrollWidth}px wide`);
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  for (const el of document.querySelectorAll('article *, .md-content *')) {
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
    if (['hidden', 'clip'].includes(getComputedStyle(el).overflowX)) {
      let holder = el, scrolled = false;
      while ((holder = holder.parentElement)) if (scrolls(holder)) { scrolled = true; break; }
      if (!scrolled && !scrolls(el)) found.push(`${el.tagName.toLowerCase()}.${el.className} cuts off its content`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen_or_cuts_anything_off(context: Any, site: Path, width: int) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    problems = []
    try:
        paths = site_pages(site)
        assert len(paths) > 20
        for path in paths:
            page.goto(path, wait_until="load")
            problems += [f"/{path} at {width}px: {found}" for found in page.evaluate(OVERFLOW)]
    finally:
        page.close()
    assert problems == []
