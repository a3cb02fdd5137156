"""A page's one parse: trafilatura's parser and repairs, with element classes chosen in C.

lxml.html decides the class of every element (``FormElement`` for ``<form>``,
``InputElement`` for ``<input>`` …) in a Python method, which lxml calls each time
Python code first touches an element. trafilatura's extraction touches thousands of
elements a page, and that lookup was about 11 % of the per-page work (all 1,171 corpus
pages: ``process_page`` 29.8 → 26.1 ms a page, same records). Here every element is an
``HtmlElement`` and lxml picks the class without calling back into Python.
Nothing that reads the tree (trafilatura, htmldate, newsarchive) uses the methods
of the form classes, and copies of the tree keep the parser, so trafilatura's own
copies get the same classes.
"""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import HTML_PARSER, is_dubious_html, repair_faulty_html

#: trafilatura's parser (its options: no comments, no processing instructions, no
#: id index), with lxml.html's per-tag element classes replaced by one.
PARSER = HTML_PARSER.copy()
PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


def parse_html(html: str) -> HtmlElement | None:
    """The tree trafilatura's ``load_html`` makes of this text, or None if it is not HTML.

    The same steps: repair what libxml2 trips on, parse the text (its UTF-8 bytes if
    lxml refuses a string that declares an encoding, or parses it to nothing), and
    refuse a document that neither starts like HTML nor parses to a head and a body.
    """
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = _parse(html)
    if tree is None or len(tree) < 1:
        tree = _parse(html.encode("utf-8", "surrogatepass"))
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _parse(markup: str | bytes) -> HtmlElement | None:
    try:
        return fromstring(markup, parser=PARSER)
    except Exception:  # as trafilatura: any parser error means no tree
        return None
