"""`spell`: hunspell in both languages over every text in content/ (Markdown stripped), the
reviewed word lists, Norwegian words left in Danish texts, and the agreed terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_handbook

from macros.content.spelling import strip_markdown

TERMS = ("# The first line names the columns\nnb = da\ntoppledelse = topledelse\n"
         "uenighet = uenighed\nledergruppe = ledergruppe\n")


def content_with(tmp_path: Path, nb: str, da: str, names: str = "") -> Path:
    folder = tmp_path / "content"
    (folder / "wordlist").mkdir(parents=True)
    (folder / "wordlist" / "terms.txt").write_text(TERMS, encoding="utf-8")
    (folder / "wordlist" / "names.txt").write_text(names, encoding="utf-8")
    (folder / "page.yml").write_text(
        "# A page. Fields: text. After editing, run: python scripts/handbook.py check\n"
        f"text:\n  nb: {nb}\n  da: {da}\n", encoding="utf-8")
    return folder


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
    result = run_handbook("spell", content_dir=content_with(tmp_path, nb, da))
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "spelling problem" in result.stderr.splitlines()[-1]


def test_good_text_compounds_markdown_and_listed_names_pass(tmp_path):
    nb = ("'Se [Velfungerende ledergruppe](https://example.org/abcdefg) og *uenighetsrunden*"
          " fra Qzxwy i {number} år.'")
    da = "'Se [Velfungerende ledergruppe](https://example.org/abcdefg) og *uenighedsrunden* fra Qzxwy.'"
    result = run_handbook("spell", content_dir=content_with(tmp_path, nb, da, names="Qzxwy\n"))
    assert result.returncode == 0, result.stderr
    assert "fine in every language" in result.stdout


def test_a_name_not_in_the_word_list_is_reported(tmp_path):
    result = run_handbook("spell", content_dir=content_with(tmp_path, "Qzxwy leder.", "Qzxwy leder."))
    assert "'Qzxwy' is not in the dictionary for Norwegian Bokmål" in result.stderr
    assert "'Qzxwy' is not in the dictionary for Danish" in result.stderr


def test_markdown_is_stripped_before_checking():
    assert strip_markdown("[tekst](https://x.org/qq) `kode` <b>fet</b> {total}").split() == [
        "tekst", "fet"]


def test_the_real_content_is_spelt_right_in_every_language():
    result = run_handbook("spell")
    assert result.returncode == 0, result.stderr


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
        "# A page. Fields: text. After editing, run: python scripts/handbook.py check\n"
        f"text:\n  nb: Ledergruppa tar en beslutning sammen.\n  nn: {nn}\n"
        "  da: Ledergruppen træffer en beslutning sammen.\n", encoding="utf-8")
    result = run_handbook("spell", content_dir=folder)
    assert result.returncode == 1
    assert f"content/page.yml:4: {expected}" in result.stderr, result.stderr
