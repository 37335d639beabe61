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

from macros.addresses import GROUP_ASSESSMENT, PRIVACY, SELF_ASSESSMENT
from macros.messages import set_language

TESTS = Path(__file__).parent

# Each privacy sentence (a label in content/labels.yml, or the home page's privacy text in
# content/site.yml), the page it is on, and the tests that hold what it says.
SENTENCES = {
    "sa_privacy": (SELF_ASSESSMENT, [
        "test_privacy.py::test_reading_and_searching_asks_no_other_host_and_sets_no_cookie",
        "test_assessment_browser.py::test_answers_survive_a_reload_and_a_change_of_language",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "sa_no_js": (SELF_ASSESSMENT, [
        "test_assessment_losses.py::test_without_javascript_the_page_says_answers_are_not_kept"]),
    "sa_code_help": (SELF_ASSESSMENT, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_browser.py::test_five_codes_give_means_spreads_and_flag_the_disagreement"]),
    "sa_code_warning": (SELF_ASSESSMENT, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers"]),
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
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_assessment_round.py::test_a_single_member_sees_the_others_as_noise_around_their_sum",
        "test_assessment_round.py::test_whoever_hands_out_the_keys_cannot_change_the_set_unseen",
        "test_assessment_round.py::test_the_sum_refuses_missing_mixed_forged_and_too_few"]),
    "ga_round_title": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "ga_round_intro": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_the_masks_are_hkdf_of_each_pairs_key_agreement_salted_with_the_set",
        "test_assessment_round.py::test_the_sum_of_the_contributions_is_exactly_the_groups_counts",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "ga_round_key_help": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_assessment_losses.py::test_reset_removes_every_copy"]),
    "ga_round_compare": (GROUP_ASSESSMENT, [
        "test_assessment_round.py::test_whoever_hands_out_the_keys_cannot_change_the_set_unseen",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "ga_round_leave_out_help": (GROUP_ASSESSMENT, [
        "test_group_round_browser.py::test_a_member_who_drops_out_is_left_out_with_one_click_and_nothing_is_exposed",
        "test_assessment_round.py::test_two_contributions_of_one_member_for_two_sets_reveal_nothing_together"]),
    "ga_round_shared": (None, [
        "test_assessment_round.py::test_a_single_member_sees_the_others_as_noise_around_their_sum"]),
    "ga_round_error_changed": (None, [
        "test_assessment_round.py::test_two_contributions_of_one_member_for_two_sets_reveal_nothing_together"]),
    "ga_round_error_missing": (None, [
        "test_group_round_browser.py::test_a_member_who_drops_out_is_left_out_with_one_click_and_nothing_is_exposed"]),
    "ga_compare_refused": (None, [
        "test_assessment_attacks.py::test_attack_5_two_saved_results_where_one_member_left_or_joined",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
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
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "ga_round_error_too_few": (None, [
        "test_assessment_round.py::test_whoever_hands_out_the_keys_cannot_change_the_set_unseen",
        "test_assessment_round.py::test_the_sum_refuses_missing_mixed_forged_and_too_few",
        "test_assessment_editions.py::test_a_round_code_from_another_edition_is_named_and_a_broken_one_is_not"]),
    "sa_reset_done": (None, ["test_assessment_losses.py::test_reset_removes_every_copy"]),
    "sa_storage_corrupt_no_copy": (None, [
        "test_assessment_losses.py::test_a_failed_backup_is_reported_and_the_original_never_overwritten"]),
    "site.privacy": ("index.md", [
        "test_privacy.py::test_reading_and_searching_asks_no_other_host_and_sets_no_cookie",
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code",
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_assessment_round.py::test_whoever_hands_out_the_keys_cannot_change_the_set_unseen",
        "test_assessment_browser.py::test_fewer_than_three_codes_show_nothing"]),
    # The privacy page: every sentence of it.
    "pp_intro": (PRIVACY, [
        "test_privacy.py::test_reading_and_searching_asks_no_other_host_and_sets_no_cookie",
        "test_group_round_browser.py::test_a_round_gives_every_member_the_same_set_and_the_exact_result"]),
    "pp_member_learns": (PRIVACY, [
        "test_assessment_round.py::test_a_single_member_sees_the_others_as_noise_around_their_sum"]),
    "pp_collector_learns": (PRIVACY, [
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_assessment_round.py::test_whoever_hands_out_the_keys_cannot_change_the_set_unseen"]),
    "pp_observer_learns": (PRIVACY, [
        "test_assessment_round.py::test_an_observer_of_every_code_sees_numbers_independent_of_the_answers",
        "test_assessment_round.py::test_the_sum_refuses_missing_mixed_forged_and_too_few"]),
    "pp_everyone_learns": (PRIVACY, [
        "test_assessment_privacy.py::test_in_a_group_of_three_the_mean_gives_each_the_sum_of_the_others"]),
    "pp_results_learns": (PRIVACY, [
        "test_assessment_attacks.py::test_attack_5_two_saved_results_where_one_member_left_or_joined",
        "test_assessment_core.py::test_a_saved_file_shows_no_more_than_a_result_would"]),
    "pp_codes_learns": (PRIVACY, [
        "test_assessment_browser.py::test_the_answer_code_is_the_documented_code"]),
    "pp_browser_learns": (PRIVACY, [
        "test_assessment_losses.py::test_reset_removes_every_copy"]),
    "pp_cannot": (PRIVACY, [
        "test_assessment_round.py::test_the_sum_refuses_missing_mixed_forged_and_too_few",
        "test_assessment_privacy.py::test_leaving_out_a_member_who_has_contributed_would_expose_them"]),
    "pp_origin": (PRIVACY, [
        "test_assessment_privacy.py::test_a_shared_github_io_address_gets_a_warning"]),
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
                       r"enkeltsvar|enkelte svar|sender (?:ingenting|ikke)|forlader|forlater|"
                       r"tilfeldige tall|sier ingenting|fingeravtrykk|får vite|få vite",
                       re.I)
    talking = {key for key, text in HANDBOOK.labels.for_language("nb").items()
               if key.startswith(("sa_", "ga_", "pp_")) and words.search(text)}
    names = {"sa_round_link", "ga_source_round", "ga_duplicate", "ga_codes_title",
             "ga_round_step_share", "ga_round_set", "ga_round_error_inconsistent",
             "pp_title", "pp_table_caption", "pp_col_learns", "pp_member_who",
             "ga_round_error_mixed"}  # name the round or its parts; promise nothing
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


def test_leaving_out_a_member_who_has_contributed_would_expose_them():
    """What no page can prevent, as the privacy page says: if the others leave out a member
    who did share their contribution and add their answers again, the two sums differ by
    exactly that member's answers. The page tells the group never to do it."""
    values = [(i % 5) + 1 for i in range(len(FACTORS))]
    recovered = node("""
        const answers = (v) => Object.fromEntries(data.statements.map((s, i) => [s.factor, v[i]]));
        const made = [];
        for (let i = 0; i < 4; i++) made.push(await core.makeKey(data.edition));
        const sum = async (members) => {
          const codes = members.map((m) => m.code);
          const shares = [];
          for (const [i, m] of members.entries()) {
            const own = i === 3 ? data.values : data.other;
            shares.push((await core.contribute(data.edition, data.statements, answers(own), m.kept, codes)).code);
          }
          return core.sumShares(shares.join("\\n"), data.edition, data.statements).totals;
        };
        const all = await sum(made);
        const without = await sum(made.slice(0, 3));
        return all.map((t, i) => t.sum - without[i].sum);
    """, statements=STATEMENTS, edition=EDITION, values=values, other=[3] * len(FACTORS))
    assert recovered == values


def test_a_shared_github_io_address_gets_a_warning():
    """The privacy page says answers are only as private as the site's address; the build
    warns, in the reader's language, when that address is shared by every project of a
    GitHub owner, and says nothing for an address of its own."""
    from macros.site.site_url import shared_origin_warning
    for lang in ("en", *LANGS):
        set_language(lang)
        warning = shared_origin_warning("https://owner.github.io/repo/")
        assert warning and "owner.github.io" in warning and "\n" not in warning, lang
    for url in ("https://handbok.example.org/", "https://owner.github.io/", "", None):
        assert shared_origin_warning(url) is None, url


def test_build_and_pdf_print_the_warning_on_one_line_and_serve_does_not(capsys):
    import argparse

    from macros.cli.main import build_context
    set_language("nn")
    for command, warned in (("build", True), ("pdf", True), ("serve", False)):
        args = argparse.Namespace(command=command, site_url="https://owner.github.io/repo")
        assert build_context(args).site_url == "https://owner.github.io/repo/"
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == (1 if warned else 0), (command, lines)
        if warned:
            assert lines[0].startswith(f"{command}: åtvaring: owner.github.io"), lines
