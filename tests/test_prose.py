"""The site reads as written for people: no data labels strung into sentences, no report-style
counts, no stock phrase used more than twice, and one name for the people the firm provides.

The first tests show the checks catching each kind of sentence; the others run them on every
page of the built site.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from prose import Sentence, counted_items, prose_of, repeated_phrases, site_sentences, strung_labels

LABELS = [
    "Clients and callers",
    "Documents and correspondence",
    "Witnesses",
    "Billing",
    "Legal research",
    "Paralegal",
    "Legal assistant",
]


def data_labels(data: dict[str, Any]) -> list[str]:
    """Every name the data gives readers as a label: task areas, skills, services, roles, fields of law."""
    names = [item["name"] for section in ("task_areas", "skills", "services", "roles") for item in data[section]]
    return names + [area for role in data["roles"] for area in role["specializations"]["areas"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Both roles act in Clients and callers, Documents and correspondence, Witnesses and Billing",
        "Each task area has its own link, such as Billing",
        "The work of a Paralegal is mostly legal",
    ],
)
def test_a_label_in_title_case_inside_a_sentence_is_found(sentence):
    assert strung_labels(sentence, LABELS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Billing is where both roles meet",  # a label opening its sentence
        "Both roles deal with clients and callers, documents and billing",  # labels written as words
        "Legal research, for the attorney",
        'The heading "Billing" names the row',  # a label quoted as a name
        "NALA runs its Certified Paralegal program",  # part of a proper name
    ],
)
def test_a_label_written_as_prose_is_not_found(sentence):
    assert not strung_labels(sentence, LABELS)


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("A typical list of responsibilities runs to 9 main duties", True),
        ("3 of our services share your 3 tasks", True),
        ("It usually covers 10 duties", True),
        ("An associate's degree takes about 2 years", False),
    ],
)
def test_a_count_of_data_items_is_found(sentence, found):
    assert bool(counted_items(sentence)) == found


def test_a_phrase_in_three_sentences_is_repeated_and_in_two_is_not():
    def site(count: int) -> list[Sentence]:
        return [Sentence(f"page-{i}/", "We hand the draft back ready for your review by Friday") for i in range(count)]

    assert "ready for your review" in repeated_phrases(site(3))
    assert "back ready for your" in repeated_phrases(site(3))
    assert repeated_phrases(site(2)) == {}


def test_a_stock_idiom_counts_even_when_its_sentences_differ():
    sentences = [
        Sentence("a/", "Work is piling up"),
        Sentence("b/", "Invoices keep piling up at month end"),
        Sentence("c/", "Is email piling up?"),
    ]
    assert list(repeated_phrases(sentences)) == ["piling up"]


def test_the_subjects_own_name_is_not_a_stock_phrase():
    sentences = [Sentence(f"{i}/", "Hire a paralegal and a legal assistant") for i in range(5)]
    assert "a paralegal and a" not in repeated_phrases(sentences)
    assert "hire a paralegal and" in repeated_phrases(sentences)


def test_prose_leaves_out_tables_buttons_headings_and_post_lists():
    html = """<article><h2>Billing</h2><p>One <a class="md-button">Book a free consultation</a> line.</p>
        <table><tr><td><p>Clients and callers</p></td></tr></table><ul class="bol-posts"><li>An excerpt</li></ul>
        <ul><li>A point</li></ul></article>"""
    assert prose_of(html) == ["One line.", "A point"]


# --- The built site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sentences(site) -> list[Sentence]:
    found = site_sentences(site.site)
    assert len(found) > 300  # the whole site was read
    return found


def test_no_page_strings_data_labels_into_a_sentence(sentences, data):
    labels = data_labels(data)
    strung = [
        f"{s.page}: {s.text!r} uses {strung_labels(s.text, labels)}" for s in sentences if strung_labels(s.text, labels)
    ]
    assert not strung, "\n".join(strung)


def test_no_page_counts_the_data_like_a_report(sentences):
    counted = [f"{s.page}: {s.text!r}" for s in sentences if counted_items(s.text)]
    assert not counted, "\n".join(counted)


def test_no_phrase_appears_more_than_twice_on_the_whole_site(sentences):
    repeated = repeated_phrases(sentences)
    assert not repeated, "\n".join(
        f"{phrase!r} x{len(pages)}: {sorted(set(pages))}" for phrase, pages in sorted(repeated.items())
    )


# The one name for the people the firm provides (defined on the services page), and the
# names it replaces. "Virtual legal clerk" stays only in the post that explains the term.
FIRM_TERM = "back-office professional"
OTHER_TERMS = {"remote professional": (), "virtual legal clerk": ("blog/virtual-legal-clerk/",)}


def test_the_firms_people_have_one_name_defined_once(sentences):
    text = {s.page: "" for s in sentences}
    for s in sentences:
        text[s.page] += " " + s.text.lower()
    for term, allowed in OTHER_TERMS.items():
        using = [page for page, words in text.items() if term in words and page not in allowed]
        assert not using, f"{term!r} on {using}: write {FIRM_TERM!r}"
    assert sum(FIRM_TERM in words for words in text.values()) >= 3
    definitions = [
        page
        for page, words in text.items()
        if re.search(
            rf"we call (?:them|these people|the people "
            rf"who do this work) {FIRM_TERM}s",
            words,
        )
    ]
    assert definitions == ["services/"]
