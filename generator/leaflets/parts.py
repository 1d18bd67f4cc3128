"""The pieces leaflets are made of: items, parts, blocks, and how a part finds and shows its data.

A leaflet is a list of items; an item is a title and one or more parts; a part is a data field and
how to show it (a paragraph, a bulleted or numbered list, short entries, contact cards). The first
part is the item's core: when it has no data the coordinator is told which field to fill, and when
no part has data the item is left out of the leaflet rather than printed as an empty heading.

Fields are paths in the data-path language of :mod:`generator.datapath`:
``roles[id=mentee].time_commitment`` is the ``time_commitment`` of the role that plays mentee;
``expectations[party=mentor]`` picks by another key. A text that only stands in for something not
written yet (see :mod:`generator.substance`) counts as no data, so a leaflet never prints "TBC".
Nothing here renders: this module is shared by the validator's warnings and by the page and PDF
renderers. The leaflets themselves are defined in :mod:`.items`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.audience import WithheldContact
from generator.datapath import area_of, lookup
from generator.i18n import Message, message
from generator.model import Contact, Programme, Role
from generator.substance import is_content

BlockKind = Literal["text", "list", "steps", "entries", "contacts"]


# --- what a leaflet shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A short labelled entry: a service, a training session, a record, a question and who answers it."""

    term: str
    detail: str | None = None  # Markdown from the data, or a Message such as "Up to 90 minutes."
    note: str | None = None  # a short addition (a Message) such as "6.5 hours, required."
    link: str | None = None  # a web, mailto: or tel: address, printed as a short address on paper


@dataclass(frozen=True)
class ContactCard:
    """A person or service to contact; a contact the audience may not see is named by its role alone."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    hours: str | None = None
    role_only: bool = False  # named by its role alone ("the coordinator"): printed with a capital, as it starts the entry


@dataclass(frozen=True)
class Block:
    """One part of an item as shown: ``items`` are Markdown strings, Entries or ContactCards."""

    kind: BlockKind
    items: tuple[Any, ...]
    lead: str | None = None
    style: str | None = None  # a hint for the layout, e.g. "questions": entries that pair a question with who answers


@dataclass(frozen=True)
class ShownItem:
    """An item with data, ready for a template."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class KeyLink:
    """One of the few links a printed leaflet carries as a QR code."""

    label: str
    target: str


@dataclass(frozen=True)
class Context:
    """What parts are shown with: an edition's programme (:func:`generator.audience.edition_for`;
    for warnings, the whole programme), the leaflet's reader, and the contacts the edition names by
    role alone."""

    programme: Programme
    reader: str  # the standard party the leaflet is for: mentee, mentor, line-manager
    withheld_contacts: Mapping[str, WithheldContact] = field(default_factory=dict)  # the edition's, by stand-in id

    def visible(self, area: str) -> bool:
        return getattr(self.programme, area, None) is not None

    def reads(self, role_ids: list[str]) -> bool:
        """Whether any of these roles is the reader's: plays the party the leaflet is for."""
        return any(self.reader in self.programme.parties_of(role) for role in role_ids)

    def role_title(self, role_id: str) -> str:
        role = next((role for role in self.programme.roles if role.id == role_id), None)
        return role.title if role else role_id.replace("-", " ")

    def contact_role(self, contact: Contact) -> str:
        """What a contact is: their programme role's title, or the outside service they are."""
        return self.role_title(contact.role) if contact.role else contact.service or contact.name

    def contact(self, contact_id: str | None) -> Contact | WithheldContact | None:
        """A contact the edition publishes, or one it names by role alone."""
        if not contact_id:
            return None
        support = self.programme.support
        published = next((c for c in support.contacts if c.id == contact_id), None) if support else None
        return published or self.withheld_contacts.get(contact_id)

    def published(self, contact: Contact | WithheldContact) -> bool:
        return isinstance(contact, Contact)

    def contact_name(self, contact_id: str | None) -> str:
        """A contact's name, or only its role when the audience may not see the contact."""
        contact = self.contact(contact_id)
        if contact is None:
            return contact_id or message("the programme")
        return contact.name if isinstance(contact, Contact) else contact.label


Show = Callable[[Any, Context], "Block | None"]


@dataclass(frozen=True)
class Part:
    """A data field and how it is shown. ``need`` says what to add when a filter finds nothing."""

    field: str
    show: Show
    need: str | None = None
    fallback: bool = False  # shown only when the parts before it have no data


@dataclass(frozen=True)
class Item:
    """One required item of a leaflet; its first part is the data the item cannot do without."""

    key: str
    title: str
    parts: tuple[Part, ...]

    @property
    def core(self) -> Part:
        return self.parts[0]

    @property
    def core_parts(self) -> tuple[Part, ...]:
        """The core and the fallbacks that stand in for it (``hours_per_month`` for ``time_commitment``)."""
        count = 1
        while count < len(self.parts) and self.parts[count].fallback:
            count += 1
        return self.parts[:count]


@dataclass(frozen=True)
class Leaflet:
    """One leaflet: who it is for, its title and its required items."""

    key: str  # "mentee": the page is leaflets/mentee.md, the PDF leaflets/mentee.pdf
    reader: str  # the standard party it is written for
    title: str  # "A guide for mentees" (a Message): printed under the programme's name
    nav_title: str  # "For mentees" (a Message): the page's place in the site's Leaflets section
    items: tuple[Item, ...]
    mentee_facing: bool = False  # its text gets the plain-English check

    def reader_role(self, programme: Programme) -> Role | None:
        """The programme's role this leaflet is written for; None when no role plays its party."""
        return next(iter(programme.roles_playing(self.reader)), None)

    @property
    def page_path(self) -> str:
        return f"leaflets/{self.key}.md"

    @property
    def pdf_path(self) -> str:
        return f"leaflets/{self.key}.pdf"


# --- finding and showing a part's data ------------------------------------------------------


def shown_parts(item: Item, context: Context) -> list[tuple[Part, Block]]:
    """The parts of an item that have data for this reader and audience, with their blocks."""
    shown: list[tuple[Part, Block]] = []
    for part in item.parts:
        if part.fallback and shown:
            continue
        block = show_part(part, context)
        if block is not None:
            shown.append((part, block))
    return shown


def show_item(item: Item, context: Context) -> ShownItem | None:
    """The item's blocks for this reader and audience, or None when it has no data to show."""
    blocks = tuple(block for _, block in shown_parts(item, context))
    return ShownItem(item.key, item.title, blocks) if blocks else None


def show_part(part: Part, context: Context) -> Block | None:
    """One part's block, or None when its area is hidden from the audience or it has no data."""
    if not context.visible(area_of(part.field)):
        return None
    value = lookup(context.programme, part.field).value
    if isinstance(value, list):
        value = [item for item in value if is_content(item)]
    if not is_content(value) or value == []:
        return None
    block = part.show(value, context)
    return block if block is not None and block.items else None


def shown_items(leaflet: Leaflet, context: Context) -> list[ShownItem]:
    return [shown for item in leaflet.items if (shown := show_item(item, context)) is not None]


# --- how parts are shown -------------------------------------------------------------------------


def lower_first(text: str) -> str:
    """``Programme coordinator`` -> ``programme coordinator``, but ``HR business partner`` stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """``the coordinator`` -> ``The coordinator``. A :class:`~generator.i18n.Message` is left as it
    is: only its words in the page's language can be given a capital (the templates' ``upper_first``)."""
    return text if isinstance(text, Message) else text[:1].upper() + text[1:]


def for_reader(value: Any, context: Context) -> bool:
    """False for a list entry for another role: one whose ``audience`` names other roles, or one
    addressed to another role in its words, such as "Mentors: ..." on the mentee leaflet."""
    audience = getattr(value, "audience", None)
    if audience:
        return context.reads(audience)
    match = re.match(r"^\W*([A-Za-z][A-Za-z -]*?)s?\s*:", str(value))
    if not match:
        return True
    addressed = match.group(1).strip().lower().replace(" ", "-")
    return context.reads([addressed]) or addressed not in {role.id for role in context.programme.roles}


def text(lead: str | None = None) -> Show:
    return lambda value, context: Block("text", (str(value),), lead)


def bullets(lead: str | None = None, *, numbered: bool = False) -> Show:
    def show(values: list[Any], context: Context) -> Block:
        return Block("steps" if numbered else "list", tuple(str(v) for v in values if for_reader(v, context)), lead)

    return show


def entries(make: Callable[[Any, Context], Entry | None], lead: str | None = None, style: str | None = None) -> Show:
    def show(values: list[Any], context: Context) -> Block:
        made = (make(value, context) for value in values)
        return Block("entries", tuple(entry for entry in made if entry is not None), lead, style)

    return show
