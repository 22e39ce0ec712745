"""What a reader of the built site would call machine-made or stale prose, found mechanically.

Three kinds of sentence give a page away as assembled rather than written:
- data labels strung into a sentence in their title case ("Both roles act in Clients and
  callers, Documents and correspondence and Billing");
- items of the data counted like a report ("runs to 9 main duties");
- the same stock phrase again and again across the site ("ready for your review").

Prose here is what a page's author wrote or a macro put into a sentence: paragraphs and list
items of the article, outside tables, cards, headings, buttons, code and the post lists
(whose excerpts repeat the posts by design).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

# Parts of a page that are not prose: data shown as tables, lists of cards or links, page
# furniture and things a reader operates. Their words repeat by design.
NOT_PROSE = ", ".join(
    (
        "table",
        "pre",
        "code",
        "script",
        "style",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        ".md-button",
        ".headerlink",
        ".bol-services",
        ".bol-service-index",
        ".bol-posts",
        ".bol-feeds",
        ".bol-byline",
        ".bol-share",
        ".bol-related",
        ".bol-contact",
        ".bol-sources",
        ".bol-reviewed",
        ".bol-print-only",
        ".bol-finder",
        ".bol-answer",
        ".bol-downloads",
        ".md-post--excerpt",
        ".md-source-file",
        ".admonition-title",
        "summary",
        ".bol-cite",
        "figcaption",
    )
)
# Blog pages that only list posts (their text is the posts' own excerpts).
LISTING = re.compile(r"^blog/(archive|category|page)/")

# A sentence ends at . ! or ? followed by a space (or the end); ": " starts a new clause.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|:\s+")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")

# Words that carry no phrase of their own, and the names of the subject: a phrase made of
# these only ("a paralegal and a legal assistant") is the topic, not a stock phrase.
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into than then so if
    is are was were be been being it its this that these those there their they them we our us you your
    who whom whose which what when where how not no do does did can could will would may might must
    shall should has have had i me my he she his her""".split()
)
SUBJECT_WORDS = frozenset(
    """paralegal paralegals legal assistant assistants attorney attorneys lawyer
    lawyers law firm firms""".split()
)
PHRASE_WORDS = 4
# Idioms a writer reaches for without thinking; each may appear twice on the whole site.
STOCK_IDIOMS = (
    "piling up",
    "off your plate",
    "off your hands",
    "free up",
    "peace of mind",
    "at the end of the day",
    "hit the ground running",
    "game changer",
    "in today's",
    "take the load",
    "falling behind",
    "ready for your review",
    "final say",
    "heavy lifting",
    "on your plate",
    "behind the scenes",
)
MOST = 2


@dataclass(frozen=True)
class Sentence:
    page: str  # the page's address below the site's root
    text: str


def page_addresses(site: Path) -> Iterator[tuple[str, Path]]:
    """Every page a reader reads, by address, except those that only list posts."""
    for file in sorted(site.rglob("*.html")):
        address = file.relative_to(site).as_posix().removesuffix("index.html")
        if not LISTING.match(address) and address != "search/":
            yield address, file


def prose_of(html: str) -> list[str]:
    """The text of each paragraph and list item of a page's article that is prose."""
    soup = BeautifulSoup(html, "html.parser")
    # The page's own content: on the blog's index that holds several <article> excerpts.
    article = soup.select_one(".md-content__inner") or soup.select_one("article")
    if article is None:
        return []
    for part in article.select(NOT_PROSE):
        part.decompose()
    blocks = []
    for element in article.select("p, li, dd, blockquote"):
        if element.find(["p", "li"]):  # a list item holding paragraphs: each is read on its own
            continue
        text = " ".join(element.get_text(" ").split())
        if text:
            blocks.append(text)
    return blocks


def sentences_of(address: str, blocks: Iterable[str]) -> Iterator[Sentence]:
    """Each sentence (or clause after a colon) of the blocks."""
    for block in blocks:
        for text in _SENTENCE_END.split(block):
            if text.strip():
                yield Sentence(address, text.strip())


def site_sentences(site: Path) -> list[Sentence]:
    """Every sentence of prose on the built site."""
    return [
        sentence
        for address, file in page_addresses(site)
        for sentence in sentences_of(address, prose_of(file.read_text(encoding="utf-8")))
    ]


def strung_labels(sentence: str, labels: Iterable[str]) -> list[str]:
    """The data labels a sentence uses in their title case after its first word (as a label, not as prose)."""
    found = []
    for label in labels:
        if not label[:1].isupper() or label.isupper():
            continue  # a label in lower case reads as prose; an acronym is a name
        for match in re.finditer(rf"(?<![\w-]){re.escape(label)}(?![\w-])", sentence):
            before = sentence[: match.start()].rstrip()
            words = before.split()
            # Quoted, or the end of a proper name ("Certified Paralegal"): a name, not a label.
            opens = before.endswith(("(", '"', "“", "‘"))
            if before and not opens and not (len(words) > 1 and words[-1][:1].isupper()):
                found.append(label)
                break
    return found


# A number followed by the name of something the data holds, as a report would count it.
_COUNT = re.compile(
    r"\b\d+\s+(?:main\s+|core\s+|key\s+)?(?:duties|tasks|services|skills|task areas|areas|roles|"
    r"responsibilities|credentials|sources)\b",
    re.IGNORECASE,
)


def counted_items(sentence: str) -> list[str]:
    """Where a sentence counts items of the data like a report ("9 main duties")."""
    return _COUNT.findall(sentence)


def phrases(sentence: str, size: int = PHRASE_WORDS) -> set[str]:
    """The runs of `size` words in a sentence that say more than the subject's name."""
    words = _WORD.findall(sentence.lower().replace("’", "'"))
    runs = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return {run for run in runs if any(word not in STOP_WORDS and word not in SUBJECT_WORDS for word in run.split())}


def repeated_phrases(sentences: Iterable[Sentence], most: int = MOST) -> dict[str, list[str]]:
    """Every phrase used in more than `most` sentences of the site, with the pages that use it."""
    pages: dict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for sentence in sentences:
        lowered = " ".join(_WORD.findall(sentence.text.lower().replace("’", "'")))
        found = phrases(sentence.text) | {
            idiom for idiom in STOCK_IDIOMS if re.search(rf"\b{re.escape(idiom)}\b", lowered)
        }
        for phrase in found:
            counts[phrase] += 1
            pages[phrase].append(sentence.page)
    return {phrase: pages[phrase] for phrase, count in counts.items() if count > most}
