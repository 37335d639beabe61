"""`handbook.py bench`: how fast the handbook builds and loads, printed (and with --write,
written to scripts/bench_report.md).

- build: median wall time of several full strict builds of every language (one `mkdocs build` each),
  and its ratio to building the same rendered Markdown (dumped by macros/cli/bench_dump_hook.py)
  with plain Material: same nav and Markdown extensions, no macros, hooks or overrides;
- scale: the same build on a copy of content/ with ten times the content (every recommendation,
  with its reflection questions and statements, every exercise and checklist; ids suffixed),
  given to the build as its content folder (macros/build_context.py);
- bytes: what one page of each type transfers on a first and on a second (cached) visit in
  Chromium, counted by the local server (workers' requests included), served with caching
  headers (hashed assets immutable, the rest revalidated by Last-Modified);
- Lighthouse scores per page type, when a Lighthouse that runs on this Node.js is installed in
  ~/.cache/handbook-bench (see --help; nothing is installed into the repository).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros.content.load import CONTENT_DIR, load_handbook
from macros.languages import BY_CODE, PUBLISHED
from macros.messages import message
from macros.project import ROOT, SHARED_CONFIG
from macros.site.chromium import ARGS, CHROMIUM, launch
from macros.site.pages import navigation
from macros.site.server import serving

REPORT = ROOT / "scripts" / "bench_report.md"
LIGHTHOUSE_DIR = Path.home() / ".cache" / "handbook-bench"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"  # the newest that runs on Node 20 (13 wants Node 22)
KEEP = "<!-- Notes below this line are kept when the report is regenerated. -->"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **extra}


def _mkdocs(builds: list[tuple[Path, Path]], env: dict, strict: bool = True,
            content_dir: Path = CONTENT_DIR) -> None:
    """Build (config, site_dir) pairs of `content_dir` in one fresh Python process, as
    `handbook.py build` does: MkDocs' own build, one language after the other, without a
    process per language."""
    code = ("import sys\nfrom pathlib import Path\n"
            "from macros.build_context import BuildContext\n"
            "from macros.site.build import build_config\n"
            f"builds = {[(str(c), str(d)) for c, d in builds]!r}\n"
            f"context = BuildContext(Path({str(content_dir)!r}))\n"
            f"sys.exit(max(build_config(Path(c), Path(d), {strict!r}, context)"
            " for c, d in builds))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"build of {builds} failed:\n{result.stdout}{result.stderr}")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(build) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build's processes). CPU time is what the ratios use:
    wall time on a shared machine swings with whatever else runs."""
    wall, cpu = time.perf_counter(), _cpu()
    build()
    return time.perf_counter() - wall, _cpu() - cpu


def _median_times(builds: dict, runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each build; the builds take turns, so that a busy moment
    of the machine falls on all of them alike."""
    for build in builds.values():
        build()  # warm the file cache and Python's bytecode
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
    for _ in range(runs):
        for name, build in builds.items():
            times[name].append(_timed(build))
    return {name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for name, t in times.items()}


# Build time --------------------------------------------------------------------------------


def handbook_build(out: Path, content_dir: Path = CONTENT_DIR):
    def build() -> None:
        _mkdocs([(ROOT / "docs" / f"{language.code}.yml", out / language.code)
                 for language in PUBLISHED], _env(), content_dir=content_dir)
    return build


def dump_markdown(work: Path) -> dict[str, Path]:
    """Build once with the dump hook; the rendered Markdown of every page, per language."""
    dumps = {}
    for language in PUBLISHED:
        lang = language.code
        dump = work / f"markdown-{lang}"
        config = work / f"dump-{lang}.yml"
        config.write_text(yaml.safe_dump({
            "INHERIT": str(ROOT / "docs" / f"{lang}.yml"),
            "docs_dir": str(ROOT / "docs" / "pages"),
            "theme": {"custom_dir": str(ROOT / "docs" / "overrides")},
            "extra": {"language": lang},
            "hooks": [str(ROOT / "macros" / "site" / "hooks.py"),
                      str(Path(__file__).with_name("bench_dump_hook.py"))],
        }, allow_unicode=True), encoding="utf-8")
        _mkdocs([(config, work / f"dump-site-{lang}")], _env(HANDBOOK_BENCH_DUMP=str(dump)))
        dumps[lang] = dump
    return dumps


class _TaggedLoader(yaml.SafeLoader):
    """Reads docs/shared/mkdocs.yml, leaving `!!python/...` and `!ENV` tags as plain values."""


_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)
_TaggedLoader.add_constructor("!ENV", lambda loader, node: None)  # MkDocs' environment values


def plain_configs(work: Path, dumps: dict[str, Path]) -> list[Path]:
    """Plain Material configs for the dumped Markdown: same nav and extensions, nothing else."""
    text = SHARED_CONFIG.read_text(encoding="utf-8")
    base = yaml.load(text, Loader=_TaggedLoader)
    # The extensions as written (one of them names a Python function with a YAML tag).
    extensions = text[text.index("\nmarkdown_extensions:") + 1:]
    handbook = load_handbook()
    configs = []
    for lang, dump in dumps.items():
        language = BY_CODE[lang]
        config = work / f"plain-{lang}.yml"
        config.write_text(yaml.safe_dump({
            "site_name": base["site_name"],
            "docs_dir": str(dump),
            "theme": {"name": "material", "language": language.theme, "font": False},
            "plugins": [{"search": {"lang": [language.search]}}],
            "nav": navigation(handbook, lang),
        }, allow_unicode=True) + extensions, encoding="utf-8")
        configs.append(config)
    return configs


def build_times(runs: int, work: Path) -> dict:
    configs = plain_configs(work, dump_markdown(work))

    def plain() -> None:
        _mkdocs([(config, work / f"plain-site-{config.stem}") for config in configs], _env(),
                strict=False)

    times = _median_times({"handbook": handbook_build(work / "handbook-site"), "plain": plain},
                          runs)
    pages = sum(1 for _ in (work / "handbook-site").rglob("*.html"))
    return {"runs": runs, "handbook": times["handbook"], "plain": times["plain"],
            "ratio": times["handbook"][1] / times["plain"][1], "pages": pages}


# Scale -------------------------------------------------------------------------------------


def multiply_content(source: Path, target: Path, factor: int) -> None:
    """A copy of content/ with `factor` times the content: copy k of every recommendation, its
    reflection questions, its self-assessment statements, every exercise and every meeting
    checklist, with ids suffixed -k (and references to them suffixed the same way), so that the
    copy is valid content. The programme gets a session per copied recommendation; the single
    texts are copied as they are, except that nothing is said to be left out of the study."""
    shutil.copytree(source, target)
    count = len(list((target / "recommendations").glob("*.yml")))

    def read(path: Path) -> tuple[str, dict]:
        text = path.read_text(encoding="utf-8")
        header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
        return header, yaml.safe_load(text)

    def write(path: Path, header: str, data: dict) -> None:
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    originals = {kind: sorted((target / kind).glob("*.yml"))
                 for kind in ("recommendations", "reflection", "exercises", "checklists")}
    assessment_path = target / "self-assessment.yml"
    assessment_header, assessment = read(assessment_path)
    statements = list(assessment["statements"])
    original_modules = read(target / "programme.yml")[1]["modules"]
    for k in range(2, factor + 1):
        suffix = f"-{k}"
        numbers = {}
        for path in originals["recommendations"]:
            header, data = read(path)
            numbers[data["id"]] = data["number"] + (k - 1) * count
            data["id"] += suffix
            data["number"] = numbers[data["id"].removesuffix(suffix)]
            for item in data["factors"]:
                item["id"] += suffix
            write(path.parent / f"{data['number']:02d}-{data['id']}.yml", header, data)
        for path in originals["reflection"]:
            header, data = read(path)
            number = numbers[data["recommendation"]]
            data["recommendation"] += suffix
            for key in ("leader", "top_manager", "group"):
                for item in data[key]:
                    item["id"] += suffix
            write(path.parent / f"{number:02d}-{data['recommendation']}.yml", header, data)
        for path in originals["exercises"]:
            header, data = read(path)
            data["id"] += suffix
            data["recommendations"] = [rec + suffix for rec in data["recommendations"]]
            data["factors"] = [fac + suffix for fac in data["factors"]]
            write(path.parent / f"{data['id']}.yml", header, data)
        for path in originals["checklists"]:
            header, data = read(path)
            data["id"] += suffix
            for section in data["sections"]:
                section["id"] += suffix
                for item in section["items"]:
                    item["id"] += suffix
            write(path.parent / f"{data['id']}.yml", header, data)
        statements += [{**s, "factor": s["factor"] + suffix} for s in assessment["statements"]]
        programme_header, programme = read(target / "programme.yml")
        programme["modules"][-1:-1] = [
            {**module, "id": module["id"] + suffix,
             "recommendation": module["recommendation"] + suffix,
             "agenda": [{**item, "exercise": item["exercise"] + suffix} if "exercise" in item
                        else item for item in module["agenda"]]}
            for module in original_modules if module.get("recommendation")]
        write(target / "programme.yml", programme_header, programme)
    write(assessment_path, assessment_header, {**assessment, "statements": statements})
    site_header, site = read(target / "site.yml")
    site.pop("left_out", None), site.pop("study_recommendations", None)
    write(target / "site.yml", site_header, site)


def content_bytes(content: Path) -> int:
    return sum(p.stat().st_size for p in content.rglob("*.yml"))


def scale(runs: int, work: Path, factor: int = 10) -> dict:
    big = work / f"content-x{factor}"
    multiply_content(CONTENT_DIR, big, factor)
    times = _median_times({
        "base": handbook_build(work / "base-site"),
        "big": handbook_build(work / "big-site", big),
    }, runs)
    pages = sum(1 for _ in (work / "big-site").rglob("*.html"))
    return {"factor": factor, "content_ratio": content_bytes(big) / content_bytes(CONTENT_DIR),
            "time": times["big"], "time_ratio": times["big"][1] / times["base"][1],
            "pages": pages}


# Bytes per page type -----------------------------------------------------------------------


def page_types(site: Path, lang: str) -> dict[str, str]:
    """One page per type: home, each section's index, one page inside each section, and 404."""
    types: dict[str, str] = {}
    for path in sorted((site / lang).rglob("index.html")):
        parts = path.relative_to(site / lang).parts[:-1]
        name = ("home" if not parts else f"{parts[0]}/" if len(parts) == 1
                else f"{'/'.join(parts[:-1])}/<page>")
        types.setdefault(name, "/".join(parts) + ("/" if parts else ""))
    types["404"] = "404.html"
    return types


def transfer(site: Path, lang: str) -> list[dict]:
    from playwright.sync_api import sync_playwright

    log: list[tuple[str, int, int]] = []  # (path, status, body bytes sent)
    rows = []
    with serving(site, cdn_log=log) as server:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for kind, path in page_types(site, lang).items():
                context = browser.new_context()
                page = context.new_page()
                row = {"type": kind, "page": f"/{lang}/{path}"}
                for visit in ("first", "second"):
                    log.clear()
                    page.goto(f"{server}/{lang}/{path}", wait_until="networkidle")
                    page.wait_for_timeout(300)
                    row[visit] = sum(sent for _, _, sent in log)
                    row[f"{visit}_requests"] = len(log)
                rows.append(row)
                context.close()
            browser.close()
    return rows


# Lighthouse --------------------------------------------------------------------------------


def lighthouse(site: Path, lang: str) -> list[dict] | str:
    if not LIGHTHOUSE.exists():
        return (f"not run: Lighthouse is not installed (npm install --prefix {LIGHTHOUSE_DIR}"
                f" -E lighthouse@{LIGHTHOUSE_VERSION})")
    rows = []
    with serving(site, cdn_log=[]) as server:
        for kind, path in page_types(site, lang).items():
            if kind == "404":
                continue
            result = subprocess.run(
                [str(LIGHTHOUSE), f"{server}/{lang}/{path}", "--output=json", "--quiet",
                 "--only-categories=performance,accessibility,best-practices,seo",
                 f"--chrome-flags=--headless=new {' '.join(ARGS)}"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                timeout=300)
            if result.returncode:
                return f"not run: Lighthouse failed: {result.stderr.strip()[-300:]}"
            report = json.loads(result.stdout)
            row = {"type": kind, "page": f"/{lang}/{path}"}
            for key, category in report["categories"].items():
                row[key] = round(category["score"] * 100)
            row["failed"] = sorted(
                audit_id for category in report["categories"].values()
                for ref in category["auditRefs"] if ref["weight"] > 0
                for audit_id in [ref["id"]]
                if (report["audits"][audit_id].get("score") is not None
                    and report["audits"][audit_id]["score"] < 1))
            rows.append(row)
    return rows


# Report ------------------------------------------------------------------------------------


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def report(build: dict, big: dict, transfers: dict, scores: dict) -> str:
    lines = [
        "# Benchmark report",
        "",
        "Written by `python3 scripts/handbook.py bench` (macros/cli/bench.py); numbers from the"
        " machine it last ran on.",
        "",
        "## Build time",
        "",
        f"Median of {build['runs']} runs, every published language ({build['pages']} HTML files):",
        "",
        "| build | wall s | CPU s |",
        "| --- | --- | --- |",
        f"| the handbook (macros, hooks, strict) | {build['handbook'][0]:.2f} |"
        f" {build['handbook'][1]:.2f} |",
        f"| the same rendered Markdown, plain Material | {build['plain'][0]:.2f} |"
        f" {build['plain'][1]:.2f} |",
        f"| ratio of CPU time (target ≤ 1.3) | | **{build['ratio']:.2f}×** |",
        "",
        f"At {big['factor']}× content (every recommendation, exercise and checklist"
        f" {big['factor']} times,"
        f" {big['pages']} HTML files): content {big['content_ratio']:.1f}× the bytes, build"
        f" {big['time'][0]:.2f} s wall, {big['time'][1]:.2f} s CPU = **{big['time_ratio']:.2f}×**"
        " the CPU time (target: no more than the content grows).",
        "",
        "## Bytes per page type",
        "",
        "One page of each type in Chromium; body bytes the local server sent (gzipped text, as"
        " a static host sends it; the search worker's index included). The second visit is the"
        " same page again: hashed assets come from the cache, the rest is revalidated (304).",
        "",
        "| page type | page | first visit | requests | second visit | requests |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for lang, rows in transfers.items():
        for r in rows:
            lines.append(f"| {lang} {r['type']} | `{r['page']}` | {_kb(r['first'])} |"
                         f" {r['first_requests']} |"
                         f" {_kb(r['second'])} | {r['second_requests']} |")
    lines += ["", "## Lighthouse", "",
              f"Lighthouse {LIGHTHOUSE_VERSION}, default (mobile, throttled) settings, against the"
              " same local server. Targets: performance ≥ 95, accessibility 100, best practices"
              " 100, SEO ≥ 95.", ""]
    for lang, rows in scores.items():
        if isinstance(rows, str):
            lines.append(f"- {lang}: {rows}")
            continue
        if lang == next(iter(scores)):
            lines += ["| page type | performance | accessibility | best practices | SEO |"
                      " audits below 1 |", "| --- | --- | --- | --- | --- | --- |"]
        for r in rows:
            lines.append(f"| {lang} {r['type']} | {r['performance']} | {r['accessibility']} |"
                         f" {r['best-practices']} | {r['seo']} | {', '.join(r['failed']) or '–'} |")
    return "\n".join(lines) + "\n"


def run_bench(runs: int, with_lighthouse: bool, out: Path = REPORT, write: bool = False) -> int:
    """Measure, print the report, and only with `write` put it into `out` (a tracked file)."""
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        print(message("bench.timing", runs=runs), file=sys.stderr)
        build = build_times(runs, work)
        print(message("bench.timing_big"), file=sys.stderr)
        big = scale(max(3, runs // 2), work)
        site = work / "handbook-site"
        print(message("bench.measuring"), file=sys.stderr)
        transfers = {lang.code: transfer(site, lang.code) for lang in PUBLISHED}
        scores = {}
        if with_lighthouse:
            print(message("bench.lighthouse"), file=sys.stderr)
            scores = {lang.code: lighthouse(site, lang.code) for lang in PUBLISHED}
        else:
            scores = {"all": "not run (--no-lighthouse)"}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(build, big, transfers, scores)
    print(text)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    if not write:
        print(message("bench.not_written", report=shown), file=sys.stderr)
        return 0
    kept = ""
    if out.exists() and KEEP in out.read_text(encoding="utf-8"):
        kept = out.read_text(encoding="utf-8").split(KEEP, 1)[1]
    out.write_text(text + "\n" + KEEP + kept, encoding="utf-8")
    print(message("bench.written", report=shown), file=sys.stderr)
    return 0
