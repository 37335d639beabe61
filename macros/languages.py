"""The handbook's two languages: the one place that lists them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # theme.language, <html lang>, the key of every text in content/
    name: str  # the language's name in itself, for the language switch
    english_name: str  # the language's name in English
    dictionary: str  # hunspell's dictionary for `spell`, e.g. nb_NO
    dictionary_package: str  # the Debian package that has that dictionary


LANGUAGES = (
    Language("nb", "Norsk", "Norwegian (Bokmål)", "nb_NO", "hunspell-no"),
    Language("da", "Dansk", "Danish", "da_DK", "hunspell-da"),
)
CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}


def other_languages(code: str) -> tuple[Language, ...]:
    return tuple(language for language in LANGUAGES if language.code != code)
