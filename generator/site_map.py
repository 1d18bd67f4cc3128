"""Where each generated page lives, what data it shows, and relative links between pages.

The page list is the nav order. Each page names the data areas it shows: when one of them is hidden
from the audience, the page is left out; an area not written yet keeps its page, which says so.
``FIELD_PAGES`` says which page shows a field of the data, so the checklist and the traceability
matrix can point from a criterion to the handbook, and each page can list the plans that will fill it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from generator.datapath import without_filters
from generator.i18n import message


@dataclass(frozen=True)
class PageSpec:
    """One generated page: its key (for links in templates), place, title and the data areas it shows."""

    key: str
    path: str
    title: str  # a Message: English, put into the site's language where pages and nav are made
    section: str  # likewise
    areas: tuple[str, ...] = ()
    needs_assessment: bool = False

    @property
    def template(self) -> str:
        """The template that renders this page; a programme overrides it by the same name."""
        return f"pages/{self.key.replace('_', '-')}.md.j2"


# Nav sections. Code compares sections with ``==`` and keys dicts by them: a Message equals its English.
PROGRAMME, TAKING_PART, CONDUCT, SUPPORT, RUNNING, ASSESSMENT = (
    message("The programme"), message("Taking part"), message("Conduct and confidentiality"), message("Support"),
    message("How the programme is run"), message("Assessment"))

PAGES: tuple[PageSpec, ...] = (
    PageSpec("welcome", "programme/welcome.md", message("Welcome"), PROGRAMME, ("programme",)),
    PageSpec("mentoring", "programme/what-mentoring-is.md", message("What mentoring is and is not"), PROGRAMME, ("programme",)),
    PageSpec("values", "programme/values.md", message("Our values"), PROGRAMME, ("programme",)),
    PageSpec("roles", "programme/roles.md", message("Roles"), PROGRAMME, ("roles",)),
    PageSpec("selection", "taking-part/selection.md", message("How selection works"), TAKING_PART, ("selection",)),
    PageSpec("training", "training/curriculum.md", message("Training curriculum"), TAKING_PART, ("training",)),
    PageSpec("matching", "taking-part/matching.md", message("How matching works"), TAKING_PART, ("matching",)),
    PageSpec("first_meeting", "taking-part/first-meeting.md", message("The first meeting"), TAKING_PART, ("lifecycle",)),
    PageSpec("timeline", "taking-part/timeline.md", message("The relationship timeline"), TAKING_PART, ("lifecycle", "programme")),
    PageSpec("mismatch", "taking-part/when-a-match-isnt-working.md", message("When a match isn't working"), TAKING_PART,
             ("mismatch_policy",)),
    PageSpec("conduct", "conduct/code-of-conduct.md", message("Code of conduct"), CONDUCT, ("code_of_conduct",)),
    PageSpec("confidentiality", "conduct/confidentiality.md", message("Confidentiality and records"), CONDUCT, ("code_of_conduct",)),
    PageSpec("support", "support/contacts.md", message("Support, signposting and contacts"), SUPPORT, ("support",)),
    PageSpec("glossary", "support/glossary.md", message("Glossary"), SUPPORT, ("programme",)),
    PageSpec("monitoring", "running/monitoring.md", message("Monitoring and evaluation"), RUNNING, ("monitoring",)),
    PageSpec("governance", "running/governance.md", message("Governance"), RUNNING, ("governance",)),
    PageSpec("checklist", "assessment/checklist.md", message("Self-assessment checklist"), ASSESSMENT, needs_assessment=True),
    PageSpec("evidence", "assessment/evidence.md", message("Evidence index"), ASSESSMENT),
    PageSpec("traceability", "assessment/traceability.md", message("Traceability matrix"), ASSESSMENT, needs_assessment=True),
)
PAGES_BY_KEY = {spec.key: spec for spec in PAGES}

# Data field (dotted, without list filters) -> the page that shows it. The longest matching prefix wins.
FIELD_PAGES: dict[str, str] = {
    "programme": "welcome",
    "programme.definition": "mentoring",
    "programme.distinctions": "mentoring",
    "programme.mentoring_is_not": "mentoring",
    "programme.voluntary": "mentoring",
    "programme.values": "values",
    "programme.stakeholder_engagement": "values",
    "programme.glossary": "glossary",
    "programme.cohort": "timeline",
    "programme.absent_parties": "roles",
    "roles": "roles",
    "code_of_conduct": "conduct",
    "code_of_conduct.confidentiality": "confidentiality",
    "selection": "selection",
    "matching": "matching",
    "mismatch_policy": "mismatch",
    "lifecycle": "timeline",
    "lifecycle.first_meeting": "first_meeting",
    "training": "training",
    "monitoring": "monitoring",
    "governance": "governance",
    "governance.records": "confidentiality",
    "governance.central_database": "confidentiality",
    "governance.data_protection": "confidentiality",
    "support": "support",
    "evidence": "evidence",
}


def page_for_field(field: str) -> PageSpec | None:
    """The page that shows a data field such as ``training.sessions[stage=initial,mandatory=true].audience``."""
    parts = without_filters(field).split(".")
    for length in range(len(parts), 0, -1):
        key = FIELD_PAGES.get(".".join(parts[:length]))
        if key:
            return PAGES_BY_KEY[key]
    return None


def relative_link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A Markdown link target from one site page to another (or to a file), with an optional anchor."""
    return _with_anchor(_relative_path(to_path, posixpath.dirname(from_path)), anchor)


def _relative_path(to_path: str, from_folder: str) -> str:
    """``posixpath.relpath`` with the folders' part worked out once: relpath asks the system for
    the working folder on every call, and an assessor edition makes tens of thousands of links
    between a handful of folders."""
    to_folder, _, name = to_path.rpartition("/")
    if name in ("", ".", "..") or name in from_folder.split("/"):
        # a folder, perhaps the page's own or one above it (relpath makes that "." or ".."): worked out whole
        return posixpath.relpath(to_path, from_folder or ".")
    folder = _relative_folder(to_folder, from_folder)
    return name if folder == "." else f"{folder}/{name}"


@lru_cache(maxsize=1024)
def _relative_folder(to_folder: str, from_folder: str) -> str:
    return posixpath.relpath(to_folder or ".", from_folder or ".")


def links_from(from_path: str) -> Callable[..., str]:
    """:func:`relative_link` from one page, each target worked out once: a page links to a few pages many times."""
    targets: dict[str, str] = {}

    def link(to_path: str, anchor: str | None = None) -> str:
        if to_path not in targets:
            targets[to_path] = relative_link(from_path, to_path)
        return _with_anchor(targets[to_path], anchor)

    return link


def _with_anchor(target: str, anchor: str | None) -> str:
    return f"{target}#{anchor}" if anchor else target
