"""What the fast path takes from feedparser, without feedparser's package start-up in a parse worker.

feedparser's package ``__init__`` imports ``feedparser.api``, which imports ``feedparser.http``
(``urllib.request``, hence ``http.client``, ``ssl`` and ``email``) and ``feedparser.mixin``
(``xml.sax.saxutils``, which imports ``urllib.request`` too). In a parse worker that is ~8 of its
~31 MB resident (issue 17 counts the whole process tree), for code that never runs there: the
worker fetches nothing, and the documents the fast path reads never reach feedparser.

So a parse worker calls ``defer_package_init()`` before importing the parsers: the ``feedparser``
package module is created but not executed, and the submodules the fast path uses load under it
(``datetimes``, ``urls``, ``html``, ``sanitizer``: none imports ``urllib.request``). ``full()`` runs
the package's ``__init__`` on that same module, as an ordinary import would have, when a document
goes to feedparser after all. Everywhere else (the app, where aiohttp has loaded those modules
anyway) nothing is deferred and ``full()`` is a plain import.

The two tables the fast path reads from ``feedparser.mixin``'s parser class (namespace URI →
prefix, and the elements it has a handler for) are copied below;
``tests/sources/test_feedparser_parts.py`` compares them with feedparser's own, so a feedparser
upgrade that changes them fails there instead of drifting.
"""

from __future__ import annotations

import html.entities
import importlib
import importlib.util
import re
import sys
from types import ModuleType
from typing import Any

_CLOSE_TAG = re.compile(r"</(\w+)>")
_ENTITY = re.compile(r"&#?\w+;")
_TAG_NAME = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")


def defer_package_init() -> None:
    """Create the ``feedparser`` package without running its ``__init__`` (a parse worker, before
    importing the parsers). Nothing is done if it is imported already."""
    if "feedparser" in sys.modules:
        return
    spec = importlib.util.find_spec("feedparser")
    if spec is None or spec.loader is None:
        return  # not installed: the ordinary import fails with its own message
    sys.modules["feedparser"] = importlib.util.module_from_spec(spec)


def full() -> ModuleType:
    """The ``feedparser`` package with its ``__init__`` run (``feedparser.parse`` and the rest)."""
    package = sys.modules.get("feedparser")
    if package is not None and not hasattr(package, "parse"):  # deferred: run it now, in place
        spec = package.__spec__
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(package)
    return importlib.import_module("feedparser")


def handles(name: str) -> bool:
    """Whether feedparser's strict parser has a start or end handler for an element so named
    (``prefix:local`` as ``fast_feed`` names it)."""
    return name.replace(":", "_") in HANDLED_ELEMENTS


def looks_like_html(text: str) -> bool:
    """feedparser's ``_FeedParserMixin.looks_like_html``: a close tag or an entity, every tag one
    its sanitizer accepts, every named entity an HTML one."""
    from feedparser.sanitizer import _HTMLSanitizer

    if not (_CLOSE_TAG.search(text) or _ENTITY.search(text)):
        return False
    acceptable: Any = _HTMLSanitizer.acceptable_elements
    if any(tag.lower() not in acceptable for tag in _TAG_NAME.findall(text)):
        return False
    return not any(entity not in html.entities.entitydefs for entity in _NAMED_ENTITY.findall(text))


# feedparser 6.0's ``StrictFeedParser.namespaces`` (``tests/sources/test_feedparser_parts.py``)
NAMESPACES: dict[str, str] = {
    "": "",
    "http://backend.userland.com/rss": "",
    "http://blogs.law.harvard.edu/tech/rss": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://example.com/newformat#": "",
    "http://example.com/necho": "",
    "http://purl.org/echo/": "",
    "uri/of/echo/namespace#": "",
    "http://purl.org/pie/": "",
    "http://purl.org/atom/ns#": "",
    "http://www.w3.org/2005/Atom": "",
    "http://purl.org/rss/1.0/modules/rss091#": "",
    "http://webns.net/mvcb/": "admin",
    "http://purl.org/rss/1.0/modules/aggregation/": "ag",
    "http://purl.org/rss/1.0/modules/annotate/": "annotate",
    "http://media.tangent.org/rss/1.0/": "audio",
    "http://backend.userland.com/blogChannelModule": "blogChannel",
    "http://creativecommons.org/ns#license": "cc",
    "http://web.resource.org/cc/": "cc",
    "http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html": "creativeCommons",
    "http://backend.userland.com/creativeCommonsRssModule": "creativeCommons",
    "http://purl.org/rss/1.0/modules/company": "co",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://my.theinfo.org/changed/1.0/rss/": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/email/": "email",
    "http://purl.org/rss/1.0/modules/event/": "ev",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://freshmeat.net/rss/fm/": "fm",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://postneo.com/icbm/": "icbm",
    "http://purl.org/rss/1.0/modules/image/": "image",
    "http://www.itunes.com/DTDs/PodCast-1.0.dtd": "itunes",
    "http://example.com/DTDs/PodCast-1.0.dtd": "itunes",
    "http://purl.org/rss/1.0/modules/link/": "l",
    "http://search.yahoo.com/mrss": "media",
    "http://search.yahoo.com/mrss/": "media",
    "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
    "http://prismstandard.org/namespaces/1.2/basic/": "prism",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/reference/": "ref",
    "http://purl.org/rss/1.0/modules/richequiv/": "reqv",
    "http://purl.org/rss/1.0/modules/search/": "search",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://purl.org/rss/1.0/modules/servicestatus/": "ss",
    "http://hacks.benhammersley.com/rss/streaming/": "str",
    "http://purl.org/rss/1.0/modules/subscription/": "sub",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://schemas.pocketsoap.com/rss/myDescModule/": "szf",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://purl.org/rss/1.0/modules/textinput/": "ti",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/commentAPI/": "wfw",
    "http://purl.org/rss/1.0/modules/wiki/": "wiki",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://podlove.org/simple-chapters": "psc",
}
# the element names (":" as "_") it has a ``_start_``/``_end_`` handler for
HANDLED_ELEMENTS = frozenset(
    {
        "abstract",
        "author",
        "body",
        "category",
        "cc_license",
        "channel",
        "cloud",
        "content",
        "content_encoded",
        "contributor",
        "copyright",
        "created",
        "creativeCommons_license",
        "creativecommons_license",
        "dc_author",
        "dc_contributor",
        "dc_creator",
        "dc_date",
        "dc_description",
        "dc_language",
        "dc_publisher",
        "dc_rights",
        "dc_subject",
        "dc_title",
        "dcterms_created",
        "dcterms_issued",
        "dcterms_modified",
        "dcterms_valid",
        "description",
        "email",
        "enclosure",
        "entry",
        "expirationdate",
        "feed",
        "feedburner_browserfriendly",
        "fullitem",
        "generator",
        "geom",
        "georss_box",
        "georss_line",
        "georss_point",
        "georss_polygon",
        "georss_where",
        "georssgeom",
        "gml_exterior",
        "gml_linearring",
        "gml_linestring",
        "gml_point",
        "gml_polygon",
        "gml_pos",
        "gml_poslist",
        "guid",
        "height",
        "homepage",
        "id",
        "image",
        "info",
        "issued",
        "item",
        "itunes_author",
        "itunes_block",
        "itunes_category",
        "itunes_email",
        "itunes_explicit",
        "itunes_image",
        "itunes_keywords",
        "itunes_link",
        "itunes_name",
        "itunes_owner",
        "itunes_subtitle",
        "itunes_summary",
        "keywords",
        "language",
        "lastbuilddate",
        "link",
        "managingeditor",
        "media_category",
        "media_content",
        "media_credit",
        "media_description",
        "media_group",
        "media_keywords",
        "media_license",
        "media_player",
        "media_rating",
        "media_restriction",
        "media_thumbnail",
        "media_title",
        "modified",
        "name",
        "newlocation",
        "psc_chapter",
        "psc_chapters",
        "pubdate",
        "published",
        "rights",
        "rss",
        "source",
        "subtitle",
        "summary",
        "tagline",
        "tags",
        "textInput",
        "textinput",
        "title",
        "updated",
        "uri",
        "url",
        "webmaster",
        "where",
        "width",
        "xhtml_body",
    }
)
