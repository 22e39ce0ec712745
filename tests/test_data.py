"""Loading and checking data/comparison.yml: each kind of editor mistake gets one clear message."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from macros.checks.problems import DataError
from macros.content.comparison import load_comparison

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / "data" / "comparison.yml").read_text(encoding="utf-8")


def line_no(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first appears."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def edit(old: str, new: str, text: str = REAL) -> str:
    """The data with one exact passage replaced; fails if the passage is not there."""
    assert text.count(old) >= 1, f"passage not in the data file: {old!r}"
    return text.replace(old, new, 1)


def load_text(tmp_path: Path, text: str):
    """Load YAML text as if it were the project's data file."""
    (tmp_path / "data").mkdir(exist_ok=True)
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, tmp_path / "data")
    (tmp_path / "data" / "comparison.yml").write_text(text, encoding="utf-8")
    return load_comparison(tmp_path)


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load_text(tmp_path, text)
    return str(caught.value)


def test_the_real_data_file_loads(tmp_path):
    data = load_text(tmp_path, REAL)
    assert [role["id"] for role in data["roles"]] == ["paralegal", "legal_assistant"]
    assert len(data["roles"][0]["duties"]) == 9
    assert len(data["roles"][1]["duties"]) == 10


def test_unclosed_quote_points_at_the_line_where_it_opens(tmp_path):
    text = edit("    name: Legal assistant\n", '    name: "Legal assistant\n')
    message = error_for(tmp_path, text)
    line = line_no(text, 'name: "Legal')
    assert message == (
        f"data/comparison.yml, line {line}: roles > legal_assistant > name: a quotation mark opened here is never "
        'closed; expected the value to end with the same mark on this line: name: "Legal assistant"'
    )


def test_tab_indentation_is_named_as_such(tmp_path):
    text = edit("  - id: clients\n", "  - id: clients\n\t\n")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, chr(9))}: a tab character is used for indentation; expected spaces" in message


def test_bad_indentation_is_reported_on_its_line(tmp_path):
    text = edit("    focus: The administrative side", "      focus: The administrative side")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, '      focus: The administrative')}" in message
    assert "this line is indented differently from the lines around it" in message


def test_missing_field_names_the_entry_and_the_field(tmp_path):
    text = edit("    focus: The administrative side of a law practice.\n", "")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, '  - id: legal_assistant')}: roles > legal_assistant > focus: "
        "is missing; every entry here needs: id, name, other_titles, focus, supervision, billing, works_with_attorney, "
        "client_contact, onet_soc, education, credentials, skills, specializations, duties"
    )


def test_missing_duty_text_names_the_duty(tmp_path):
    text = edit("        text: Interview witnesses\n", "")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, '- id: p-interview-witnesses')}" in message
    assert "roles > paralegal > duties > p-interview-witnesses > text: is missing" in message


def test_wrong_type_says_what_was_expected_and_found(tmp_path):
    text = edit("    other_titles:\n      - Legal assistant\n", "    other_titles: Senior paralegal\n")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, 'other_titles: Senior')}: roles > paralegal > other_titles: "
        'expected a list, found text ("Senior paralegal")'
    )


def test_a_bare_yes_or_no_is_caught_as_not_text(tmp_path):
    text = edit("    name: Paralegal\n", "    name: no\n")
    message = error_for(tmp_path, text)
    assert "roles > paralegal > name: expected text, found yes/no (false); put text in quotes" in message


def test_duplicate_id_is_reported_where_it_repeats(tmp_path):
    text = edit("      - id: la-phones\n", "      - id: la-greet\n")
    message = error_for(tmp_path, text)
    greet = "      - id: la-greet\n        area: clients\n        text: Answer"
    assert message == (
        f"data/comparison.yml, line {line_no(text, greet)}: "
        'roles > legal_assistant > duties > la-greet > id: "la-greet" is already the id of another duty; '
        "expected each id once"
    )


def test_duty_pointing_at_an_unknown_task_area_suggests_the_right_one(tmp_path):
    text = edit("        area: research\n", "        area: reserch\n")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, 'area: reserch')}" in message
    assert (
        'roles > paralegal > duties > p-research > area: "reserch" is not the id of any task area '
        '(did you mean "research"?)'
    ) in message
    assert "expected one of: research, clients, documents" in message


def test_service_pointing_at_an_unknown_task_area_is_caught(tmp_path):
    text = edit("    areas: [records]\n", "    areas: [archives]\n")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, 'areas: [archives]')}" in message
    assert 'services > records > areas > item 1: "archives" is not the id of any task area' in message


def test_role_skill_pointing_at_an_unknown_skill_is_caught(tmp_path):
    text = edit("      - skill: data-entry\n", "      - skill: typing\n")
    message = error_for(tmp_path, text)
    assert 'roles > paralegal > skills > item 6 > skill: "typing" is not the id of any skill' in message


def test_field_written_twice_is_an_error_not_a_silent_overwrite(tmp_path):
    text = edit("    name: Paralegal\n", "    name: Paralegal\n    name: Legal clerk\n")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, 'name: Legal clerk')}" in message
    assert 'the field "name" is written twice' in message


def test_misspelt_field_name_suggests_the_right_one(tmp_path):
    text = edit("    description: Finding and summarizing", "    descripton: Finding and summarizing")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, 'descripton:')}" in message
    assert 'task_areas > research > descripton: is not a known field (did you mean "description"?)' in message


def test_empty_text_is_not_accepted(tmp_path):
    text = edit("    focus: Substantive legal work on clients' matters, delegated by a lawyer.\n", '    focus: " "\n')
    message = error_for(tmp_path, text)
    assert "roles > paralegal > focus: expected a line of text" in message


def test_id_with_spaces_or_capitals_is_rejected(tmp_path):
    text = edit("  - id: research\n", "  - id: Legal Research\n")
    message = error_for(tmp_path, text)
    assert "expected a short name of lowercase letters" in message


def test_a_skill_a_role_leaves_out_would_leave_a_blank_cell_so_it_is_an_error(tmp_path):
    text = edit("skills:\n", "skills:\n  - id: negotiation\n    name: Negotiation\n")
    message = error_for(tmp_path, text)
    for role in ("paralegal", "legal_assistant"):
        assert (
            f'roles > {role} > skills: has no entry for the skill "negotiation"; expected every skill once per '
            "role, saying what it means for the role (core: false if the role does not rely on it)"
        ) in message


def test_a_role_that_relies_on_no_skill_is_refused(tmp_path):
    text = REAL
    for name in ("legal-documentation", "legal-writing", "legal-research", "litigation"):
        text = edit(
            f"      - skill: {name}\n        core: true\n", f"      - skill: {name}\n        core: false\n", text
        )
    message = error_for(tmp_path, text)
    assert "roles > paralegal > skills: has no skill with core: true" in message


def test_task_area_without_duties_would_vanish_so_it_is_an_error(tmp_path):
    text = edit(
        "task_areas:\n", "task_areas:\n  - id: marketing\n    name: Marketing\n    description: Winning clients.\n"
    )
    message = error_for(tmp_path, text)
    assert '"marketing" has no duties' in message


def test_several_problems_come_in_one_message_in_file_order(tmp_path):
    text = edit("        area: research\n", "        area: reserch\n")
    text = edit("    areas: [records]\n", "    areas: [archives]\n", text)
    message = error_for(tmp_path, text)
    assert message.startswith("data/comparison.yml has 2 problems:\n")
    assert message.index("reserch") < message.index("archives")


def test_empty_file_says_what_the_file_should_hold(tmp_path):
    message = error_for(tmp_path, "# nothing yet\n")
    assert message == (
        "data/comparison.yml, line 1: (top of the file): expected a block of fields, found nothing (an empty value)"
    )


def test_missing_file_is_an_error_not_an_empty_page(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "comparison.yml").unlink()
    with pytest.raises(DataError, match=r"^data/comparison.yml: the data file is missing"):
        load_comparison(tmp_path)


def test_data_is_read_and_checked_once_while_the_file_is_unchanged(tmp_path, monkeypatch):
    from macros.content import comparison

    load_text(tmp_path, REAL)
    calls: list[Path] = []
    real_load = comparison.load_comparison

    def counted(project: Path) -> Any:
        calls.append(project)
        return real_load(project)

    monkeypatch.setattr(comparison, "load_comparison", counted)
    first = comparison.load_comparison_once(tmp_path)
    assert comparison.load_comparison_once(tmp_path) is first
    assert len(calls) == 1
    # An edit (new size and time) is read again: the preview shows it.
    (tmp_path / "data" / "comparison.yml").write_text(
        edit("    name: Legal assistant", "    name: Legal secretary"), encoding="utf-8"
    )
    assert comparison.load_comparison_once(tmp_path)["roles"][1]["name"] == "Legal secretary"
    assert len(calls) == 2


# --- Whether a remote team can do a duty (remote, remote_note) ---------------------------------

PROCEEDINGS_NOTE = """        remote_note: >-
          Someone from the firm attends in person; a remote team prepares the exhibits,
          summaries and schedule for it.
"""


def test_every_duty_says_whether_a_remote_team_can_do_it(tmp_path):
    data = load_text(tmp_path, REAL)
    duties = {duty["id"]: duty for role in data["roles"] for duty in role["duties"]}
    assert {duty["remote"] for duty in duties.values()} == {"all", "part", "none"}
    assert duties["p-proceedings"]["remote"] == "none" and duties["la-greet"]["remote"] == "none"
    assert all(duty.get("remote_note") for duty in duties.values() if duty["remote"] != "all")


@pytest.mark.parametrize(
    "field, written",
    [
        ("remote", "        remote: all\n"),
        # The task in the firm's words, for the contact page's request.
        ("ask", "        ask: Research the law and past cases for our matters\n"),
    ],
)
def test_a_missing_field_of_a_duty_names_the_duty_and_the_field(tmp_path, field, written):
    text = (
        edit(
            "        text: Carry out legal research for the attorney\n" + written,
            "        text: Carry out legal research for the attorney\n",
        )
        if field == "remote"
        else edit(written, "")
    )
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, '      - id: p-research')}: "
        "roles > paralegal > duties > p-research > "
        f"{field}: is missing; every entry here needs: id, area, text, remote, ask"
    )


def test_a_remote_value_other_than_all_part_or_none_is_refused(tmp_path):
    text = edit("        remote: none\n", "        remote: never\n")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, 'remote: never')}: roles > paralegal > duties > p-proceedings > "
        'remote: expected all, part or none (how much of the duty a team working remotely can do), found text ("never")'
    )


@pytest.mark.parametrize("word", ["yes", "no", "true", "2"])
def test_yes_or_no_for_remote_asks_for_the_words_it_accepts(tmp_path, word):
    # YAML reads yes/no as true/false: the message must not suggest quoting them.
    text = edit("        remote: none\n", f"        remote: {word}\n")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, f'remote: {word}')}: roles > paralegal > duties > p-proceedings > "
        "remote: expected all, part or none (how much of the duty a team working remotely can do)"
    )


@pytest.mark.parametrize("level", ["part", "none"])
def test_a_duty_a_remote_team_cannot_do_in_full_needs_a_note(tmp_path, level):
    text = edit("        remote: none\n" + PROCEEDINGS_NOTE, f"        remote: {level}\n")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, f'remote: {level}' + chr(10) + '        ask: Attend hearings')}: "
        "roles > paralegal > duties > p-proceedings > remote: expected a remote_note beside it: one line saying "
        "what stays at the firm and what a remote team can do"
    )


def test_a_note_on_a_duty_a_remote_team_can_do_in_full_is_allowed(tmp_path):
    text = edit("        remote: none\n" + PROCEEDINGS_NOTE, "        remote: all\n" + PROCEEDINGS_NOTE)
    assert load_text(tmp_path, text)["roles"][0]["duties"][5]["remote"] == "all"


def test_an_empty_remote_note_is_refused_like_any_empty_text(tmp_path):
    text = edit(PROCEEDINGS_NOTE, '        remote_note: " "\n')
    message = error_for(tmp_path, text)
    assert "roles > paralegal > duties > p-proceedings > remote_note: expected a line of text" in message


# --- Facts from outside the firm carry their sources -----------------------------------------

SUPERVISION = "      sources: [aba-paralegal-definition, ncbar-rule-5-3]\n"


def test_a_fact_without_its_sources_is_refused(tmp_path):
    text = edit(SUPERVISION, "")
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, '    supervision:')}: "
        "roles > paralegal > supervision > "
        "sources: is missing: a fact from outside the firm says where it comes from; expected "
        "sources: [...] with the ids of the entries under sources: that confirm it"
    )


def test_a_missing_list_of_sources_is_named_as_the_files_part_not_as_a_facts_citation(tmp_path):
    start, end = REAL.index("\nsources:\n"), REAL.index("\nreviewed:")
    message = error_for(tmp_path, REAL[:start] + REAL[end:])
    assert "sources: is missing; the file needs: reviewed, sources, facts" in message
    assert "a fact from outside the firm" not in message


def test_a_sourced_field_written_as_plain_text_says_it_needs_a_source(tmp_path):
    text = edit("    supervision:\n      text: Does legal work", "    supervision: Does legal work")
    text = edit(SUPERVISION, "", text)
    message = error_for(tmp_path, text)
    assert (
        "roles > paralegal > supervision: expected a block of two fields: text (the fact) and sources (the ids "
        "of the sources that confirm it, such as [bls-ooh-paralegals])"
    ) in message


@pytest.mark.parametrize("entry", ["facts", "credential", "occupation code", "education length"])
def test_every_kind_of_outside_fact_needs_a_source(tmp_path, entry):
    passages = {
        "facts": "    sources: [maine-4-mrs-921]\n",
        "credential": "        sources: [nals-pp]\n",
        "occupation code": "      sources: [onet-23-2011, bls-ooh-paralegals]\n",
        "education length": "        sources: [bls-ooq-associate-degree, bls-ooh-paralegals]\n",
    }
    message = error_for(tmp_path, edit(passages[entry], ""))
    assert "> sources: is missing" in message


def test_a_citation_of_an_unknown_source_names_the_sources_there_are(tmp_path):
    text = edit("      sources: [nala-supreme-court]\n", "      sources: [nala-supremecourt]\n")
    message = error_for(tmp_path, text)
    assert f"line {line_no(text, 'nala-supremecourt')}" in message
    assert (
        'roles > paralegal > billing > sources > item 1: "nala-supremecourt" is not the id of any source '
        '(did you mean "nala-supreme-court"?); expected one of: aba-paralegal-definition'
    ) in message


def test_a_source_nothing_cites_is_refused_so_the_list_shows_only_what_the_guide_uses(tmp_path):
    text = edit(
        "sources:\n",
        "sources:\n  - id: old-page\n    publisher: Someone\n    title: A page\n"
        "    url: https://example.org/\n    checked: 2026-01-05\n",
    )
    message = error_for(tmp_path, text)
    line = line_no(text, "  - id: old-page")
    assert f'line {line}: sources > old-page > id: "old-page" is not cited by any fact' in message


def test_a_source_checked_after_the_review_date_asks_to_move_the_review_date(tmp_path):
    text = edit("    checked: 2026-12-06\n", "    checked: 2026-12-05\n")
    text = edit("reviewed: 2026-12-06", "reviewed: 2026-12-01", text)
    message = error_for(tmp_path, text)
    assert message == (
        f"data/comparison.yml, line {line_no(text, 'reviewed: 2026-12-01')}: reviewed: 2026-12-01 is "
        'before 2026-12-06, when the source "ncbar-rule-5-3" was checked; expected the date of the '
        "latest check (the guide says its facts were last reviewed then)"
    )


def test_a_review_date_in_the_future_is_refused(tmp_path):
    message = error_for(tmp_path, edit("reviewed: 2026-12-06", "reviewed: 2999-01-01"))
    assert "reviewed: 2999-01-01 is in the future" in message


def test_a_date_that_is_no_date_names_the_form_expected(tmp_path):
    message = error_for(tmp_path, edit("reviewed: 2026-12-06", "reviewed: December 2026"))
    assert "reviewed: expected a real date written year-month-day, such as 2026-12-06" in message


def test_a_career_row_naming_an_unknown_role_is_caught(tmp_path):
    message = error_for(tmp_path, edit("    choose: legal_assistant\n", "    choose: secretary\n"))
    assert 'career > item 2 > choose: "secretary" is not the id of any role' in message
