"""The gettext catalogs: every fixed phrase of the code is in them, translated, and compiled."""

from __future__ import annotations

import fnmatch
import gettext
import io
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import planner
from planner.i18n import DOMAIN, LOCALE_DIR, translate

ROOT = Path(planner.__file__).parent
KEYWORDS = {"N_": None, "deferred": (1,), "deferred_n": (1, 2), "translate": (2,),
            "translate_n": (2, 3), "phrase_n": (1, 2)}
CATALOGS = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
FIELD = re.compile(r"\{(\w*)[^}]*\}")


def code_phrases() -> set[str]:
    found = extract_from_dir(str(ROOT), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def singular(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def template() -> set[str]:
    with open(LOCALE_DIR / f"{DOMAIN}.pot", "rb") as file:
        return {singular(message.id) for message in read_po(file) if message.id}


def test_the_template_lists_every_phrase_of_the_code() -> None:
    missing = code_phrases() - template()
    assert not missing, f"run the pybabel extract of planner/locale/README.md: {sorted(missing)}"


def test_there_is_a_spanish_catalog() -> None:
    assert LOCALE_DIR / "es" / "LC_MESSAGES" / f"{DOMAIN}.po" in CATALOGS


@pytest.mark.parametrize("po", CATALOGS, ids=lambda path: path.parts[-3])
def test_a_catalog_translates_every_phrase_with_the_same_fields(po: Path) -> None:
    with open(po, "rb") as file:
        catalog = read_po(file)
    translated = {singular(message.id): message.string for message in catalog if message.id}
    assert not template() - set(translated), "run pybabel update and translate the new phrases"
    # pybabel update marks a phrase "fuzzy" when its English changed (a singular that became a
    # plural); a fuzzy translation is left out of the .mo, so readers would get the English.
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not fuzzy, f"{po}: check these translations and remove their fuzzy mark: {fuzzy}"
    for english, other in translated.items():
        for form in (other,) if isinstance(other, str) else other:  # every plural form
            assert form, f"{po}: no translation of {english!r}"
            assert sorted(FIELD.findall(form)) == sorted(FIELD.findall(english)), english


@pytest.mark.parametrize("po", CATALOGS, ids=lambda path: path.parts[-3])
def test_the_compiled_catalog_is_the_catalog(po: Path) -> None:
    with open(po, "rb") as file:
        fresh = io.BytesIO()
        write_mo(fresh, read_po(file))
    fresh.seek(0)
    with open(po.with_suffix(".mo"), "rb") as file:
        committed = read_mo(file)
    expected = read_mo(fresh)
    assert ({singular(m.id): m.string for m in committed if m.id}
            == {singular(m.id): m.string for m in expected if m.id}), "run pybabel compile"


def test_the_compiled_catalogs_are_package_data() -> None:
    config = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["planner"]
    for mo in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"):
        relative = mo.relative_to(ROOT).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative


def test_gettext_reads_the_spanish_catalog() -> None:
    spanish = gettext.translation(DOMAIN, LOCALE_DIR, languages=["es"])
    assert spanish.gettext("weekend") == "fin de semana"
    assert translate("es", "Holy Week ({country})") == "Semana Santa ({country})"
    assert translate("en+es", "weekend") == "weekend / fin de semana"
    assert spanish.ngettext("{count} warning", "{count} warnings", 1) == "{count} advertencia"
    assert spanish.ngettext("{count} warning", "{count} warnings", 2) == "{count} advertencias"


def _write_catalog(locale_dir: Path, lang: str, translations: dict[str, str]) -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=None, domain=DOMAIN)
    for english, translated in translations.items():
        catalog.add(english, translated)
    folder = locale_dir / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{DOMAIN}.mo", "wb") as file:
        write_mo(file, catalog)


def test_a_third_language_is_one_catalog_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from planner import i18n

    _write_catalog(tmp_path, "xx", {"weekend": "wkd-xx"})
    assert i18n.available_langs(tmp_path) == ("en", "xx")
    _write_catalog(tmp_path, "es", {"weekend": "fin de semana"})
    assert i18n.available_langs(tmp_path) == ("en", "es", "xx", "en+es")
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)  # an untranslated .po alone: not yet
    assert "fr" not in i18n.available_langs(tmp_path)

    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        assert i18n.translate("xx", "weekend") == "wkd-xx"
        assert i18n.translate("xx", "holiday") == "holiday"  # untranslated: English
    finally:
        i18n._catalog.cache_clear()


def test_the_languages_offered_are_the_catalogs_present() -> None:
    import click

    from planner.cli import cli
    from planner.i18n import LANGS, available_langs

    assert LANGS == available_langs() == ("en", "es", "en+es")
    generate = cli.get_command(click.Context(cli), "generate")
    assert generate is not None
    choices = next(p for p in generate.params if p.name == "lang").type
    assert isinstance(choices, click.Choice)
    assert tuple(choices.choices) == LANGS
