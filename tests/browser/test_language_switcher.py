"""A reader of a bilingual handbook switches language with Material's language selector and lands
on the other language's site; the top of the site opens the theme's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import LOCAL_HOST, VIEWPORT, is_local, served, watch
from sitetools import TODAY, add_welsh_translation, copy_example_project

from generator.cli import main


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Any]:
    """A tab on the example built in English and Welsh, served on 127.0.0.1."""
    project = copy_example_project(tmp_path_factory.mktemp("bilingual") / "project")
    add_welsh_translation(project)
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    with served(project / "site") as address:
        context = browser.new_context(base_url=address, viewport=VIEWPORT, service_workers="block")
        context.set_default_timeout(10_000)
        context.route("**/*", lambda route, request: route.continue_() if is_local(request.url) else route.abort("blockedbyclient"))
        tab = context.new_page()
        tab.log = watch(tab)
        yield tab
        context.close()


def test_the_top_of_the_site_opens_the_theme_language(bilingual: Any) -> None:
    bilingual.goto("")
    bilingual.wait_for_url("**/en/")
    assert bilingual.locator("html").get_attribute("lang") == "en"
    bilingual.log.assert_clean()


def test_the_language_selector_switches_between_the_languages(bilingual: Any) -> None:
    from playwright.sync_api import expect

    bilingual.goto("cy/programme/roles/")
    assert bilingual.locator("html").get_attribute("lang") == "cy"
    assert "(CY)" in bilingual.locator("article").inner_text()
    selector = bilingual.locator(".md-header__option .md-select")
    selector.hover()
    english = selector.locator("a[hreflang='en']")
    expect(english).to_be_visible()
    english.click()
    bilingual.wait_for_url(f"http://{LOCAL_HOST}:*/en/")
    assert bilingual.locator("html").get_attribute("lang") == "en"
    assert "(CY)" not in bilingual.locator("article").inner_text()
    selector = bilingual.locator(".md-header__option .md-select")
    selector.hover()
    selector.locator("a[hreflang='cy']").click()
    bilingual.wait_for_url(f"http://{LOCAL_HOST}:*/cy/")
    assert bilingual.locator("html").get_attribute("lang") == "cy"
    bilingual.log.assert_clean()
