"""Every sentence about privacy on the self-assessment page, the group page and the home page's
privacy text, in every language, is on its page and held by a test: the tests named here
(checked to exist), and the arithmetic claims checked right here against assessment-core.js."""

from __future__ import annotations

import ast
import itertools
import re
from html import unescape
from pathlib import Path

import pytest
from assessment_helpers import EDITION, FACTORS, HANDBOOK, STATEMENTS, answer_code, node
from conftest import LANGS

from macros.addresses import GROUP_ASSESSMENT, SELF_ASSESSMENT

TESTS = Path(__file__).parent

# Each privacy sentence (a label in content/labels.yml, or the home page's privacy text in
# content/site.yml), the page it is on, and the tests that hold what it says.
SENTENCES = {
    "sa_privacy": (SELF_ASSESSMENT, [
        "test_privacy.py::test_reading_and_searching_asks_no_other_host_and_sets_no_cookie",
        "test_assessment_browser.py::test_answers_survive_a_reload_and_a_change_of_language",
        "test_group_round_browser.py::test_a_round_of_five_gives_the_exact_result_and_no_code_shows_an_answer"]),
    "sa_no_js": (SELF_ASSESSMENT, [
        "test_assessment_losses.py::test_without_javascript_the_page_says_answers_are_not_kept"]),
    "sa_code_help": (SELF_ASSESSMENT, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_browser.py::test_five_codes_give_means_spreads_and_flag_the_disagreement"]),
    "sa_code_warning": (SELF_ASSESSMENT, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_round.py::test_codes_in_transit_are_uniformly_random_whatever_the_answers"]),
    "sa_reset_confirm_text": (SELF_ASSESSMENT, [
        "test_assessment_losses.py::test_reset_removes_every_copy"]),
    "ga_privacy": (GROUP_ASSESSMENT, [
        "test_assessment_privacy.py::test_the_thresholds_in_the_texts_are_the_ones_the_page_applies",
        "test_assessment_privacy.py::test_in_a_group_of_three_the_mean_gives_each_the_sum_of_the_others",
        "test_assessment_attacks.py::test_attack_1_two_top_two_middle_and_one_without_a_role",
        "test_assessment_attacks.py::test_attack_2_a_middle_manager_skips_a_statement",
        "test_assessment_attacks.py::test_attack_3_two_in_a_role_learn_each_other",
        "test_assessment_attacks.py::test_attack_4_three_members_mean_and_spread",
        "test_assessment_core.py::test_roles_are_compared_only_with_three_of_each_and_the_rest_none_or_three",
        "test_assessment_core.py::test_spread_is_held_back_below_five_answers",
        "test_assessment_browser.py::test_fewer_than_three_codes_show_nothing"]),
    "ga_round_protects": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_codes_in_transit_are_uniformly_random_whatever_the_answers",
        "test_assessment_round.py::test_the_mask_is_the_only_cover_and_comes_from_crypto_get_random_values",
        "test_assessment_privacy.py::test_two_neighbours_in_the_round_can_together_work_out_a_members_answers",
        "test_assessment_round.py::test_the_result_is_exactly_the_groups_totals"]),
    "ga_round_title": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_codes_in_transit_are_uniformly_random_whatever_the_answers",
        "test_group_round_browser.py::test_a_round_of_five_gives_the_exact_result_and_no_code_shows_an_answer"]),
    "ga_round_intro": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_the_mask_is_the_only_cover_and_comes_from_crypto_get_random_values",
        "test_group_round_browser.py::test_a_round_of_five_gives_the_exact_result_and_no_code_shows_an_answer"]),
    "ga_too_few": (None, [
        "test_assessment_browser.py::test_fewer_than_three_codes_show_nothing",
        "test_assessment_attacks.py::test_attack_4_three_members_mean_and_spread"]),
    "ga_roles_too_few": (None, [
        "test_assessment_core.py::test_roles_are_compared_only_with_three_of_each_and_the_rest_none_or_three",
        "test_assessment_attacks.py::test_attack_1_two_top_two_middle_and_one_without_a_role",
        "test_assessment_attacks.py::test_attack_3_two_in_a_role_learn_each_other"]),
    "ga_codes_warning": (GROUP_ASSESSMENT, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code"]),
    "ga_small_group": (None, [
        "test_assessment_browser.py::test_a_small_group_gets_a_plain_warning_and_no_spread",
        "test_assessment_privacy.py::test_in_a_group_of_three_the_mean_gives_each_the_sum_of_the_others"]),
    "ga_result_saved": (None, [
        "test_group_round_browser.py::test_a_saved_result_holds_aggregates_only_and_two_rounds_compare"]),
    "ga_round_error_too_few": (None, [
        "test_assessment_round.py::test_finishing_refuses_too_few_another_round_and_impossible_totals",
        "test_group_round_browser.py::test_a_member_cannot_add_twice_and_the_first_cannot_finish_too_early"]),
    "sa_reset_done": (None, ["test_assessment_losses.py::test_reset_removes_every_copy"]),
    "sa_storage_corrupt_no_copy": (None, [
        "test_assessment_losses.py::test_a_failed_backup_is_reported_and_the_original_never_overwritten"]),
    "site.privacy": ("index.md", [
        "test_privacy.py::test_reading_and_searching_asks_no_other_host_and_sets_no_cookie",
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_privacy.py::test_two_neighbours_in_the_round_can_together_work_out_a_members_answers",
        "test_assessment_browser.py::test_fewer_than_three_codes_show_nothing"]),
}


def text_of(key: str, lang: str) -> str:
    if key == "site.privacy":
        return HANDBOOK.site.privacy[lang].strip()
    return HANDBOOK.labels(key, lang)


def defined_tests(file: str) -> set[str]:
    tree = ast.parse((TESTS / file).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


@pytest.mark.parametrize("key", SENTENCES)
def test_every_privacy_sentence_names_tests_that_exist(key):
    for test in SENTENCES[key][1]:
        file, name = test.split("::")
        assert name in defined_tests(file), f"{key}: {test} does not exist"


def test_every_label_about_privacy_is_listed():
    """A new label that speaks of anonymity, what others can see or what is kept must be
    listed above, with its tests."""
    words = re.compile(r"anonym|ingen (?:andre|ser)|kan (?:lese|læse|se) (?:dem|svarene)|"
                       r"enkeltsvar|enkelte svar|sender (?:ingenting|ikke)|forlader|forlater",
                       re.I)
    talking = {key for key, text in HANDBOOK.labels.for_language("nb").items()
               if key.startswith(("sa_", "ga_")) and words.search(text)}
    names = {"sa_round_link", "ga_source_round", "ga_duplicate", "ga_round_error_malformed",
             "ga_round_step_start", "ga_codes_title"}  # name the round; promise nothing
    unlisted = talking - set(SENTENCES) - names
    assert not unlisted, f"privacy sentences without tests: {sorted(unlisted)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_privacy_sentences_are_on_their_pages(site, lang):
    for key, (page, _) in SENTENCES.items():
        if page is None:
            continue
        path = site / lang / page.replace(".md", ".html")
        html = unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
        assert " ".join(text_of(key, lang).split()) in " ".join(html.split()), (key, lang)


def test_the_thresholds_in_the_texts_are_the_ones_the_page_applies():
    limits = node("return [core.MIN_GROUP, core.MIN_SPREAD, core.MIN_ROLE];")
    for lang in LANGS:
        numbers = [int(n) for n in re.findall(r"\b(\d)\b", text_of("ga_privacy", lang))]
        assert numbers[:4] == [limits[0], limits[1], limits[2], limits[2]], lang
        assert f" {limits[0]} " in text_of("site.privacy", lang)


def test_in_a_group_of_three_the_mean_gives_each_the_sum_of_the_others():
    """As the small-group warning says: the mean shown (one decimal) times 3 is the exact sum,
    so each member knows the sum of the other two answers; and 5,0 means everybody said 5."""
    combos = list(itertools.combinations_with_replacement(range(1, 6), 3))
    groups = [[answer_code(str(v) + "3" * (len(FACTORS) - 1)) for v in combo] for combo in combos]
    means = node("""return data.groups.map((codes) => core.groupStats(data.statements,
        codes.map((c) => core.decodeCode(c, data.edition, data.count))).rows[0].mean)
        .map((m) => core.format(m, "nb"));""", groups=groups, statements=STATEMENTS,
                 edition=EDITION, count=len(FACTORS))
    for combo, mean in zip(combos, means, strict=True):
        assert round(float(mean.replace(",", ".")) * 3) == sum(combo)
        assert (mean == "5,0") == (combo == (5, 5, 5))


def test_two_neighbours_in_the_round_can_together_work_out_a_members_answers():
    """What the round does not protect against, as the texts say: the codes a member got and
    handed on differ by exactly that member's answers."""
    values = [(i % 5) + 1 for i in range(len(FACTORS))]
    recovered = node("""
        const answers = (v) => Object.fromEntries(data.statements.map((s, i) => [s.factor, v[i]]));
        const first = core.startRound(data.edition, data.statements, answers(data.other));
        const got = first.code;
        const handed = core.addToRound(got, data.edition, data.statements,
                                       answers(data.values)).code;
        const a = core.decodeRound(got, data.edition, data.statements.length).vector;
        const b = core.decodeRound(handed, data.edition, data.statements.length).vector;
        return b.map((v, i) => (v - a[i] + core.MODULUS) % core.MODULUS)
          .filter((_, i) => i % 3 === 1);
    """, statements=STATEMENTS, edition=EDITION, values=values, other=[3] * len(FACTORS))
    assert recovered == values
