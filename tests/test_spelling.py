"""`spell`: hunspell in every language over every text in content/ (Markdown stripped), the
reviewed word lists, Norwegian words left in Danish texts, and the agreed terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_handbook

from macros.content.load import load_handbook
from macros.content.spelling import spelling_problems, strip_markdown
from macros.messages import message

TERMS = ("# The first line names the columns\nnb = da\ntoppledelse = topledelse\n"
         "uenighet = uenighed\nledergruppe = ledergruppe\n")


def content_with(tmp_path: Path, nb: str, da: str, names: str = "") -> Path:
    folder = tmp_path / "content"
    (folder / "wordlist").mkdir(parents=True)
    (folder / "wordlist" / "terms.txt").write_text(TERMS, encoding="utf-8")
    (folder / "wordlist" / "names.txt").write_text(names, encoding="utf-8")
    (folder / "page.yml").write_text(
        "# A page. Fields: text. After editing, run: python3 scripts/handbook.py check\n"
        f"text:\n  nb: {nb}\n  da: {da}\n", encoding="utf-8")
    return folder


def spell(content_dir: Path) -> str:
    """What `spell` reports for content_dir, a problem a line: the check the command runs,
    in-process. The command itself runs in the two smoke tests below that say so."""
    return "\n".join(spelling_problems(content_dir))


GOOD_NB = "Ledergruppa og toppledelsen tar en beslutning sammen."
GOOD_DA = "Ledergruppen og topledelsen træffer en beslutning sammen."

CASES = [
    ("misspelt-norwegian", "Ledergruppa og toppledelsen tar en beslutnign sammen.", GOOD_DA,
     "content/page.yml:3: 'beslutnign' is not in the dictionary for Norwegian Bokmål (correct the spelling;"
     " if it is a name or a term, add it to content/wordlist/nb.txt)"),
    ("misspelt-danish", GOOD_NB, "Ledergruppen og topledelsen træfer en beslutning sammen.",
     "content/page.yml:4: 'træfer' is not in the dictionary for Danish"),
    ("norwegian-word-in-danish", GOOD_NB,
     "Ledergruppen og topledelsen træffer en beslutning sammen på møtet.",
     "content/page.yml:4: 'møtet' in the text in Danish looks like Norwegian"),
    ("norwegian-term-in-danish", GOOD_NB,
     "Ledergruppen og toppledelsen træffer en beslutning sammen.",
     "content/page.yml:4: 'toppledelsen' in the text in Danish is the term in Norwegian Bokmål"
     " (write topledelse, as agreed in content/wordlist/terms.txt)"),
    ("danish-term-in-norwegian", "Ledergruppa og topledelsen tar en beslutning sammen.", GOOD_DA,
     "content/page.yml:3: 'topledelsen' in the text in Norwegian Bokmål is the term in Danish"
     " (write toppledelse"),
    ("term-not-carried-over", "Uenighet i ledergruppa er nyttig.",
     "Det er nyttigt at være uenige i ledergruppen.",
     "content/page.yml:4: the text in Norwegian Bokmål says uenighet, but the text in Danish"
     " does not say uenighed (use the agreed term"),
]


@pytest.mark.parametrize("nb, da, expected", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_mistake_is_reported_in_one_line(tmp_path, nb, da, expected):
    problems = spell(content_with(tmp_path, nb, da))
    assert any(line.startswith(expected) for line in problems.splitlines()), problems


def test_the_command_reports_a_mistake_and_the_count(tmp_path):
    """Smoke test of the command line: exit status 1, the problem, then the count."""
    _, nb, da, expected = CASES[0]
    result = run_handbook("spell", content_dir=content_with(tmp_path, nb, da))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(expected), result.stderr
    assert "1 spelling problem" in lines[1], result.stderr


def test_good_text_compounds_markdown_and_listed_names_pass(tmp_path):
    title = load_handbook().site.title  # the handbook's name, as a link
    nb = (f"'Se [{title['nb']}](https://example.org/abcdefg) og *uenighetsrunden*"
          " fra Qzxwy i {number} år.'")
    da = f"'Se [{title['da']}](https://example.org/abcdefg) og *uenighedsrunden* fra Qzxwy.'"
    problems = spell(content_with(tmp_path, nb, da, names="Qzxwy\n"))
    assert not problems, problems


def test_a_name_not_in_the_word_list_is_reported(tmp_path):
    problems = spell(content_with(tmp_path, "Qzxwy leder.", "Qzxwy leder."))
    assert "'Qzxwy' is not in the dictionary for Norwegian Bokmål" in problems
    assert "'Qzxwy' is not in the dictionary for Danish" in problems


def test_markdown_is_stripped_before_checking():
    assert strip_markdown("[tekst](https://x.org/qq) `kode` <b>fet</b> {total}").split() == [
        "tekst", "fet"]


def test_the_real_content_is_spelt_right_in_every_language():
    """Smoke test of the command line, on the real content."""
    result = run_handbook("spell")
    assert result.returncode == 0, result.stderr
    assert "fine in every language" in result.stdout


STYLE = Path(__file__).resolve().parent.parent / "content" / "wordlist" / "style.txt"


def style_rules():
    """(language, an example of the form not to use) for every rule in the real style.txt."""
    rules = []
    for raw in STYLE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lang, rest = line.split(":", 1)
            rules.append((lang.strip(), rest.split("->")[0].strip().rstrip("*")))
    return rules


def test_every_house_style_rule_is_enforced(tmp_path):
    folder = content_with(tmp_path, "Ledergruppa.", "Ledergruppen.")
    (folder / "wordlist" / "style.txt").write_text(STYLE.read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    rules = style_rules()
    assert rules, "style.txt has no rules"
    good = {"nb": "Ledergruppa arbeider.", "da": "Ledergruppen arbejder."}
    items = "".join(
        f"  - nb: '{('Vi skriver ' + example + ' her.') if lang == 'nb' else good['nb']}'\n"
        f"    da: '{('Vi skriver ' + example + ' her.') if lang == 'da' else good['da']}'\n"
        for lang, example in rules)
    (folder / "page.yml").write_text(f"# Examples.\ntexts:\n{items}", encoding="utf-8")
    problems = spell(folder)
    assert problems
    for lang, example in rules:
        assert f"'{example}' is not the handbook's form (write " in problems, (lang, example)
    # and only in the language the rule is for
    assert problems.count("is not the handbook's form") == len(rules), problems


@pytest.mark.parametrize("lang", ["nb", "da"])
def test_a_range_with_a_hyphen_is_reported_in_either_language(tmp_path, lang):
    texts = {"nb": "Ledergruppa møtes i 30–45 minutter.",
             "da": "Ledergruppen mødes i 30–45 minutter."}
    texts[lang] = texts[lang].replace("–", "-")
    problems = spell(content_with(tmp_path, texts["nb"], texts["da"]))
    assert problems
    line = 3 if lang == "nb" else 4
    assert (f"content/page.yml:{line}: '30-45' is a range: it takes an en dash (write 30–45)"
            in problems), problems


def test_a_malformed_style_rule_is_one_line_naming_the_file(tmp_path):
    folder = content_with(tmp_path, GOOD_NB, GOOD_DA)
    (folder / "wordlist" / "style.txt").write_text("# rules\nda: involver* inddrage\n",
                                                    encoding="utf-8")
    problems = spell(folder)
    assert problems
    assert ("content/wordlist/style.txt:2: write a rule as"
            " 'language: form not to use -> form to use'") in problems, problems
    assert "Traceback" not in problems


def test_a_merge_conflict_in_a_word_list_is_one_line_naming_its_line(tmp_path):
    folder = content_with(tmp_path, GOOD_NB, GOOD_DA, names="Væksthus\n")
    names = folder / "wordlist" / "names.txt"
    names.write_text("# names\n<<<<<<< HEAD\nVæksthus\n=======\nVækstHus\n>>>>>>> x\n",
                     encoding="utf-8")
    problems = spell(folder).splitlines()
    assert problems == [f"content/wordlist/names.txt:2: {message('yaml.conflict')}"], problems


def test_a_title_quoted_and_linked_to_its_source_and_a_domain_name_are_not_misspellings(tmp_path):
    title = "»6 anbefalinger som styrker samarbeidet i ledergruppa«"
    nb = "'Artikkelen ble publisert på hrforvaltning.no.'"
    da = f"'Artiklen [{title}](https://example.org/a) blev bragt på hrforvaltning.no.'"
    problems = spell(content_with(tmp_path, nb, da))
    assert not problems, problems
    # the same words, not a linked title, are Norwegian in a Danish text
    da = f"'Artiklen {title} blev bragt på hrforvaltning.no.'"
    problems = spell(content_with(tmp_path / "unlinked", nb, da))
    assert problems
    assert "'samarbeidet' in the text in Danish looks like Norwegian" in problems


@pytest.mark.parametrize(("nn", "expected"), [
    ("Leiargruppa tek ikke ei avgjerd saman.",
     "'ikke' in the text in Norwegian Nynorsk looks like Norwegian Bokmål"),
    ("Ledergruppa tek ei avgjerd saman.",
     "'ledergruppa' in the text in Norwegian Nynorsk is the term in Norwegian Bokmål (write"
     " leiargruppe"),
    ("Leiargruppa tek ei beslutning saman.",
     "'beslutning' in the text in Norwegian Nynorsk is the term in Norwegian Bokmål (write"
     " avgjerd"),
])
def test_nynorsk_is_checked_with_its_own_dictionary_and_terms(tmp_path, nn, expected):
    """Each language of the registry is checked (hunspell nn_NO for Nynorsk): a Bokmål word
    or term left in the Nynorsk text is an error."""
    folder = tmp_path / "content"
    (folder / "wordlist").mkdir(parents=True)
    (folder / "wordlist" / "terms.txt").write_text(
        "nb = nn = da\nledergruppe = leiargruppe = ledergruppe\n"
        "beslutning = avgjerd = beslutning\n",
        encoding="utf-8")
    (folder / "page.yml").write_text(
        "# A page. Fields: text. After editing, run: python3 scripts/handbook.py check\n"
        f"text:\n  nb: Ledergruppa tar en beslutning sammen.\n  nn: {nn}\n"
        "  da: Ledergruppen træffer en beslutning sammen.\n", encoding="utf-8")
    problems = spell(folder)
    assert problems
    assert f"content/page.yml:4: {expected}" in problems, problems
