"""Structure is content: adding or removing a recommendation is a change in content/ alone.
Each test edits a copy of content/ as an editor would (with what `check` asks for), and then
`check` passes, the site builds, and every page follows: navigation, overview, the
recommendation's page and checklist, the all-factors checklist, the self-assessment and the
group view, the programme, search and the counts in words."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT

from macros import plain_yaml
from macros.content.load import load_handbook

SCHEMA_LINES: dict[Path, str] = {}


def read(path: Path):
    SCHEMA_LINES[path] = path.read_text(encoding="utf-8").split("\n", 1)[0]
    return plain_yaml.load(path.read_text(encoding="utf-8"))


def write(path: Path, data) -> None:
    first = SCHEMA_LINES.get(path) or next(line for known, line in SCHEMA_LINES.items()
                                            if known.parent == path.parent)
    path.write_text(first + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def renamed(value, suffix: str):
    """Every id in value with a suffix, so the copy claims no id twice."""
    if isinstance(value, dict):
        return {key: (item + suffix if key == "id" else renamed(item, suffix))
                for key, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, suffix) for item in value]
    return value


def add_recommendation(content: Path) -> str:
    """A new last recommendation: its file, two exercises, reflection questions, a programme
    session and a statement per factor; the study's left-out one is then in the handbook."""
    last = sorted((content / "recommendations").glob("*.yml"))[-1]
    rec = renamed(read(last), "-ny")
    rec["number"] += 1
    for field in ("title", "lead"):
        rec[field] = {lang: text + " (ny)" for lang, text in rec[field].items()}
    write(content / "recommendations" / f"{rec['number']:02d}-{rec['id']}.yml", rec)
    factor_ids = [factor["id"] for factor in rec["factors"]]
    for path in sorted((content / "exercises").glob("*.yml"))[:2]:
        exercise = renamed(read(path), "-ny")
        exercise["recommendations"], exercise["factors"] = [rec["id"]], factor_ids
        write(content / "exercises" / f"{exercise['id']}.yml", exercise)
    reflection = renamed(read(sorted((content / "reflection").glob("*.yml"))[-1]), "-ny")
    reflection["recommendation"] = rec["id"]
    write(content / "reflection" / f"{rec['number']:02d}-{rec['id']}.yml", reflection)
    programme = read(content / "programme.yml")
    module = renamed(next(m for m in programme["modules"] if m["kind"] == "recommendation"), "-ny")
    module["recommendation"] = rec["id"]
    programme["modules"].insert(-1, module)
    write(content / "programme.yml", programme)
    assessment = read(content / "self-assessment.yml")
    text = assessment["statements"][0]["text"]
    assessment["statements"] += [{"factor": factor_id, "text": text} for factor_id in factor_ids]
    write(content / "self-assessment.yml", assessment)
    site = read(content / "site.yml")
    site.pop("left_out"), site.pop("study_recommendations")
    write(content / "site.yml", site)
    return rec["id"]


def remove_recommendation(content: Path) -> str:
    """The last recommendation out, and everything that belongs to it alone."""
    path = sorted((content / "recommendations").glob("*.yml"))[-1]
    rec = read(path)
    path.unlink()
    (content / "reflection" / path.name).unlink()
    factor_ids = {factor["id"] for factor in rec["factors"]}
    gone = set()
    for exercise_path in sorted((content / "exercises").glob("*.yml")):
        exercise = read(exercise_path)
        exercise["recommendations"] = [r for r in exercise["recommendations"] if r != rec["id"]]
        exercise["factors"] = [f for f in exercise["factors"] if f not in factor_ids]
        if exercise["recommendations"] and exercise["factors"]:
            write(exercise_path, exercise)
        else:
            exercise_path.unlink()
            gone.add(exercise["id"])
    programme = read(content / "programme.yml")
    programme["modules"] = [m for m in programme["modules"] if m.get("recommendation") != rec["id"]]
    for module in programme["modules"] + programme.get("short", {}).get("modules", []):
        for item in module["agenda"]:  # an exercise that is gone: the same minutes, in words
            if item.get("exercise") in gone:
                exercise_id = item.pop("exercise")
                item["text"] = {lang: exercise_id for lang in rec["title"]}
    write(content / "programme.yml", programme)
    assessment = read(content / "self-assessment.yml")
    assessment["statements"] = [statement for statement in assessment["statements"]
                                if statement["factor"] not in factor_ids]
    write(content / "self-assessment.yml", assessment)
    return rec["id"]


def tracked_changes() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                          capture_output=True, text=True).stdout


@pytest.mark.parametrize("change", [add_recommendation, remove_recommendation],
                         ids=["add", "remove"])
def test_the_whole_site_follows_a_recommendation_added_or_removed(change, tmp_path):
    before = tracked_changes()
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    SCHEMA_LINES.clear()
    rec_id = change(content)
    book = load_handbook(content)  # check passes
    added = any(rec.id == rec_id for rec in book.recommendations)
    assert added == (change is add_recommendation)

    from macros.build_context import BuildContext
    from macros.site.build import build_languages

    site = tmp_path / "site"
    assert build_languages(site, BuildContext(content_dir=content)) == 0
    words = read(content / "number-words.yml")
    for lang in words:
        if not (site / lang).exists():
            continue
        root = site / lang
        count_word = words[lang][len(book.recommendations) - 1]
        assert f'content="{count_word.capitalize()} ' in (root / "index.html").read_text("utf-8")
        pages = {
            "recommendation": root / "anbefalinger" / rec_id / "index.html",
            "checklist": root / "sjekklister" / rec_id / "index.html",
            "reflection": root / "refleksjon" / rec_id / "index.html",
        }
        for name, page in pages.items():
            assert page.exists() == added, name
        last = sorted((CONTENT / "recommendations").glob("*.yml"))[-1]
        title = book.recommendation(rec_id).title[lang] if added else read(last)["title"][lang]
        for page in ("index.html", "anbefalinger/index.html", "program/index.html",
                     "sjekklister/alle-anbefalinger/index.html", "egenvurdering/index.html",
                     "ovelser/index.html"):
            html = (root / page).read_text("utf-8")
            assert (title in html) == added, page
        for page in ("egenvurdering/index.html", "egenvurdering/gruppe/index.html"):
            html = (root / page).read_text("utf-8")
            data = json.loads(html.split('class="hb-data">', 1)[1].split("</script>", 1)[0])[0]
            ids = [rec.id for rec in book.recommendations]
            assert [rec["id"] for rec in data["recommendations"]] == ids
            assert len(data["statements"]) == len(book.factors)
        index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
        assert any(title in doc["title"] for doc in index["docs"]) == added
        home = (root / "index.html").read_text("utf-8")
        assert ('id="utelatt"' in home) == bool(book.site.left_out)
    assert tracked_changes() == before, "a file outside the copy of content/ changed"
