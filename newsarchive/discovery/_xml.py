"""Safe parsing of untrusted XML bytes and the small tree helpers feeds and sitemaps share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.entities import html5 as html5_entities
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Collection

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_BASE = f"{{{XML_NS}}}base"
XML_LANG = f"{{{XML_NS}}}lang"

_UTF8_BOM = b"\xef\xbb\xbf"
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


class UnparseableXML(ValueError):
    """Nothing usable came out of the bytes, even in recover mode."""


def _safe_parser(*, recover: bool) -> etree.XMLParser:
    # The bytes come from the network: never substitute entities (billion laughs,
    # XXE), never load a DTD or touch the network, keep libxml2's size and depth
    # limits (huge_tree=False). A new parser per call: lxml parsers are not meant
    # to be shared between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


def trim_leading_whitespace(body: bytes) -> bytes:
    """Drop whitespace before the first markup, keeping a UTF-8 byte order mark.

    Servers often emit a blank line before ``<?xml``, which XML forbids.
    """
    if body.startswith(_UTF8_BOM):
        rest = body[len(_UTF8_BOM) :].lstrip()
        return _UTF8_BOM + rest if rest else b""
    return body.lstrip()


def looks_like_html(body: bytes) -> bool:
    """Whether ``body`` starts like an HTML page (doctype or ``<html>``)."""
    return bool(_LOOKS_LIKE_HTML.match(body[:4096].removeprefix(_UTF8_BOM)))


def parse_untrusted_xml(body: bytes, *, recover: bool) -> tuple[etree._Element, bool]:
    """Parse ``body`` safely and return ``(root, repaired)``.

    A strict parse comes first; when it fails and ``recover`` is set, libxml2's
    recover mode gets a second try and ``repaired`` is True. Raises
    :class:`UnparseableXML` with the strict parser's reason when no root comes out.
    The encoding comes from the byte order mark or the XML declaration.
    """
    try:
        return etree.fromstring(body, parser=_safe_parser(recover=False)), False
    except etree.XMLSyntaxError as exc:
        reason = str(exc)
    if recover:
        try:
            root = etree.fromstring(body, parser=_safe_parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            return root, True
    raise UnparseableXML(reason)


def split_tag(element: etree._Element) -> tuple[str | None, str]:
    """``(namespace, local name)`` of an element; ``("", "")`` for entities and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def child_elements(
    parent: etree._Element, names: Collection[str], namespaces: Collection[str | None]
) -> Iterator[etree._Element]:
    """Children of ``parent`` whose local name is in ``names`` and namespace in ``namespaces``."""
    for child in parent:
        namespace, local = split_tag(child)
        if local in names and namespace in namespaces:
            yield child


def first_child(
    parent: etree._Element, names: Collection[str], namespaces: Collection[str | None]
) -> etree._Element | None:
    """The first of :func:`child_elements`, or None."""
    return next(child_elements(parent, names, namespaces), None)


def element_text(element: etree._Element) -> str:
    """All character data inside ``element``, without markup, in document order.

    Unresolved entity references are dropped, except HTML entity names
    (``&nbsp;``, ``&eacute;``) that broken feeds use without declaring them;
    declared entities are never expanded, so a DTD cannot inject content.
    """
    parts: list[str] = []
    _collect_text(element, parts)
    return "".join(parts)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child, etree._Entity):
            parts.append(html5_entities.get(f"{child.name};", ""))
        elif isinstance(child.tag, str):
            _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def resolve_against_xml_base(element: etree._Element, reference: str, document_url: str) -> str:
    """Resolve ``reference`` against the ``xml:base`` chain of ``element`` and ``document_url``.

    XML Base (and RFC 4287 §2 for Atom): each ``xml:base`` resolves against the
    base of its parent, ending at the document's own URL.
    """
    bases = [value for ancestor in element.iterancestors() if (value := ancestor.get(XML_BASE))]
    bases.reverse()
    if own := element.get(XML_BASE):
        bases.append(own)
    base = document_url
    for value in bases:
        base = urljoin(base, value.strip())
    return urljoin(base, reference.strip())


def effective_xml_lang(element: etree._Element) -> str | None:
    """The ``xml:lang`` in scope at ``element`` (an empty value means unknown)."""
    for candidate in (element, *element.iterancestors()):
        value = candidate.get(XML_LANG)
        if value is not None:
            return value or None
    return None
