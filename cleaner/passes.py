"""trafilatura's passes over one page, without the work each would repeat.

:mod:`cleaner.html` runs two trafilatura extractions on every page (a fast
precision pass, which also reads the metadata, and the fast recall pass) and
sometimes a third and fourth, all on the same repaired tree. Through
``bare_extraction`` each pass copies the tree, looks for a forum thread and
prunes the raw tree (infinite-scroll containers, share buttons, comment
sections) before its own cleaning, with XPaths whose ``re:test`` calls back
into Python for every candidate element: the same result each time.

:class:`Passes` runs the *fast* passes (no readability/jusText comparison)
through the steps ``bare_extraction`` and ``trafilatura_sequence`` of
trafilatura :data:`MIRRORED` take for cleaner's settings (comments off, no
deduplication, language filter, pruning XPaths or tree-size limit of its own),
on a tree copied, metadata-read and raw-pruned once per page. trafilatura's
metadata reader leaves its tree as it found it (checked on the 663 benchmark
pages), so the recall pass's pruned copy is the precision pass's, as it was.
The other passes, and every pass under another trafilatura version, go through
``bare_extraction``. ``tests/test_passes.py`` checks that both ways give the
same documents.
"""

from __future__ import annotations

from copy import copy
from functools import lru_cache

#: the trafilatura version whose ``bare_extraction`` the shared path mirrors
MIRRORED = "2.3.1"
_UNREAD = object()


def mirrored() -> bool:
    """Whether the installed trafilatura is the one :class:`Passes` mirrors."""
    from trafilatura import __version__

    return __version__ == MIRRORED


class Passes:
    """The trafilatura passes over one page's ``tree`` (which they never change)."""

    def __init__(self, tree, url: str | None, date_params: dict):
        self.tree = tree
        self.url = url
        self.date_params = date_params
        self._metadata = _UNREAD  # the metadata document; None: trafilatura's reader raised
        self._pruned = None  # (is it a forum thread, the tree every fast pass's sequence starts from)
        self._attributes = ""  # the ids and classes of the page's elements, one a line
        self._forum_tree = None  # a forum thread's tree for the recall pass: its comments are its posts
        self.stop_words_fetched = False  # (cleaner.html: the page's words left to look up in jusText's stop-lists)

    def run(self, settings: dict, with_metadata: bool = False):
        """One pass: (trafilatura's document or None, its text). ``with_metadata``:
        the document carries the page's metadata (read with ``date_params``)."""
        focused = settings.get("favor_precision") or settings.get("favor_recall")  # (a balanced pass may escalate)
        if settings["fast"] and focused and not (settings["include_comments"] or settings["deduplicate"]) and mirrored():
            return self._fast(settings, with_metadata)
        from trafilatura import bare_extraction

        doc = bare_extraction(
            self.tree, url=self.url, with_metadata=with_metadata,
            date_extraction_params=self.date_params if with_metadata else None, **settings,
        )
        return doc, ((doc.text or "") if doc is not None else "")

    def metadata(self):
        """The page's metadata document on its own (what ``extract_metadata`` reads from
        a copy of the tree): the one a pass read already, if any."""
        from trafilatura.metadata import Document, extract_metadata

        if isinstance(self._metadata, Document):
            return copy(self._metadata)
        return read_metadata(copy(self.tree), self.url, self.date_params) if mirrored() else extract_metadata(
            copy(self.tree), self.url, self.date_params
        )

    def _fast(self, settings: dict, with_metadata: bool):
        """``bare_extraction`` of a fast pass without comments, on the page's shared pruned tree."""
        from trafilatura import core
        from trafilatura.metadata import Document
        from trafilatura.settings import Extractor

        options = Extractor(
            output_format="python", fast=True, precision=settings.get("favor_precision", False),
            recall=settings.get("favor_recall", False), comments=False,
            formatting=settings["include_formatting"], links=settings["include_links"],
            images=settings["include_images"], tables=settings["include_tables"], dedup=False,
            url=self.url, with_metadata=with_metadata, date_params=self.date_params if with_metadata else None,
        )
        is_forum, tree = self._prepare(options)
        if with_metadata:
            if self._metadata is None:
                return None, ""  # trafilatura's metadata reader raised: bare_extraction returns None
            document = copy(self._metadata)
        else:
            document = Document()
        if options.focus != "precision" and is_forum:
            tree = self._forum_recall_tree()
        try:
            postbody, text = _sequence(core, tree, options, options.url or document.url, is_forum, self._attributes)
            if options.max_tree_size:  # (none in trafilatura's default configuration)
                if len(postbody) > options.max_tree_size:
                    core.strip_tags(postbody, "hi")
                if len(postbody) > options.max_tree_size:
                    raise ValueError
            if len(text) < options.min_output_size and 0 < options.min_output_comm_size:  # (no comments)
                raise ValueError
        except (TypeError, ValueError):
            return None, ""
        document.text = document.raw_text = core.xmltotxt(postbody, options.formatting)
        document.body = postbody
        return document, document.text or ""

    def _prepare(self, options) -> tuple[bool, object]:
        """Whether the page is a forum thread, and its tree as every fast pass's
        sequence prunes it first (metadata read before, when ``options`` ask for it)."""
        from trafilatura import core

        if self._pruned is None:
            tree = copy(self.tree)
            if options.with_metadata:  # read from the copy then pruned, as bare_extraction does
                self._read_metadata(tree, options)
            is_forum = core._forum_thread_page(tree)
            self._attributes = "\n".join(_ids_and_classes(tree))
            tree = _prune_raw(core, tree, self._attributes)
            # comments off: pruned for the precision passes, and for the others unless they are a forum's posts
            tree = _prune(core, tree, core.REMOVE_COMMENTS_AND_LISTS_XPATH, _COMMENT_LITERALS, self._attributes)
            self._pruned = (is_forum, tree)
        elif options.with_metadata and self._metadata is _UNREAD:
            self._read_metadata(copy(self.tree), options)
        return self._pruned

    def _read_metadata(self, tree, options) -> None:
        try:
            self._metadata = read_metadata(tree, options.url, options.date_params, options.fast)
        except (TypeError, ValueError):
            self._metadata = None

    def _forum_recall_tree(self):
        """A forum thread's tree as a pass other than precision prunes it (comments stay)."""
        from trafilatura import core

        if self._forum_tree is None:
            self._forum_tree = _prune_raw(core, copy(self.tree), self._attributes)
        return self._forum_tree


def read_metadata(tree, url: str | None, date_params: dict | None, extensive: bool = True):
    """trafilatura's ``extract_metadata`` (of trafilatura :data:`MIRRORED`) for
    what cleaner reports (title, date, site name, url), without the author,
    categories, tags and licence it also looks for: a fifth of a page's
    extraction time (the author's search alone prunes a copy of the page).
    None of them feeds the fields read here or the extraction after it (the
    metadata reader leaves its tree as it found it); ``tests/test_passes.py``
    checks the fields against ``extract_metadata``'s."""
    from trafilatura import metadata as m

    date_config = {**date_params} if date_params else m.set_date_params(extensive)
    tree = m.load_html(tree)
    if tree is None:
        return m.Document()
    document = m.examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None
    try:
        document = m.extract_meta_json(tree, document)
    except Exception:  # as extract_metadata: bugs in trafilatura's json_metadata.py
        pass
    if not document.title:
        document.title = m.extract_title(tree)
    if not document.url:
        document.url = m.extract_url(tree, url)
    if document.url:
        document.hostname = m.extract_domain(document.url, fast=True)
    date_config["url"] = document.url
    document.date = m.find_date(tree, **date_config)
    if not document.sitename:
        document.sitename = m.extract_sitename(tree)
    if document.sitename:
        document.sitename = document.sitename.lstrip("@")  # a Twitter handle's
        if document.sitename and "." not in document.sitename and not document.sitename[0].isupper():
            document.sitename = document.sitename.title()
    elif document.url:
        match = m.META_URL.match(document.url)
        if match:
            document.sitename = match[1]
    document.filedate = date_config.get("max_date")
    document.clean_and_trim()
    return document


def _sequence(core, tree, options, url: str | None, is_forum: bool, attributes: str):
    """``trafilatura_sequence`` of a fast precision or recall pass without comments,
    from its raw-tree pruning on (done: ``tree``, which it only copies): (body, text).
    ``attributes``: the page's ids and classes (its cleaning and tag conversion add none)."""
    cleaned = core.tree_cleaning(copy(tree), options)
    # (_prepare_tree's backup copy feeds the readability/jusText comparison only: no fast pass has one)
    cleaned = core.convert_tags(cleaned, options, url)
    if options.focus == "precision" and not is_forum:
        cleaned = _prune(core, cleaned, core.REMOVE_COMMENTS_XPATH, _COMMENT_LITERALS, attributes)
    postbody, text = core.extract_content(cleaned, options)
    if len(text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = core.baseline(tree)  # (it copies the tree)
        if b_len > len(text):
            postbody, text = b_body, b_text
    return postbody, text


# trafilatura's pruning XPaths test @id and @class with EXSLT regular expressions
# (``re:test``: a call into Python for every div, section, list...) or contains(); most
# pages have no element they could match. Each expression below runs only when some id
# or class of the page holds a literal that each of its matches holds (``xpaths.py`` of
# trafilatura MIRRORED, as ``tests/test_passes.py`` checks); the page's ids and classes
# are read once, before any pruning (which only removes elements), and trafilatura's
# cleaning and tag conversion set no id or class.
#   'mvp-post-add-(?:box|wrap)|infinite-?scroll' (infinite-scroll containers)
_SCROLL_LITERALS = ("mvp-post-add-", "infinite")
#   contains(@class, 'elementor-share-buttons')
_SHARE_LITERALS = ("elementor-share-buttons",)
#   ids '^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)', classes
#   '^[Cc]omment(?!ary)|(?:article|post)-comments' (comment sections)
_COMMENT_LITERALS = ("omment", "comol", "disqus_thread")


def _ids_and_classes(tree) -> list[str]:
    return _xpath("descendant-or-self::*/@id | descendant-or-self::*/@class")(tree)


def _prune_raw(core, tree, attributes: str):
    """trafilatura's raw-tree pruning (``RAW_TREE_PRUNE_XPATH``: infinite-scroll
    containers, then Elementor's share buttons), in place."""
    scroll, share = core.RAW_TREE_PRUNE_XPATH
    tree = _prune(core, tree, [scroll], _SCROLL_LITERALS, attributes)
    return _prune(core, tree, [share], _SHARE_LITERALS, attributes)


def _prune(core, tree, nodelist, literals: tuple[str, ...], attributes: str):
    """``prune_unwanted_nodes(tree, nodelist)``, skipped when none of the page's
    ``attributes`` holds one of the ``literals`` its expressions need."""
    if any(literal in attributes for literal in literals):
        return core.prune_unwanted_nodes(tree, nodelist)
    return tree


@lru_cache(maxsize=None)
def _xpath(expression: str):
    from lxml.etree import XPath

    return XPath(expression, smart_strings=False)
