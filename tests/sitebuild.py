"""Helpers for tests: build the real site or a fixture project with MkDocs, strictly, and read the output."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def run_mkdocs(config: Path, site_dir: Path, handouts: bool = True) -> BuildResult:
    """The real site as deployed: with its handout pages (SILVERTHREAD_HANDOUTS=1), unless handouts=False (the
    default `make build`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "SILVERTHREAD_HANDOUTS": "1" if handouts else "0"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


def build_in_process(config: Path, site_dir: Path) -> BuildResult:
    """The same strict build as `mkdocs build --strict`, without starting a Python process each time (fixture
    projects are built dozens of times per run). Log records and the abort message make up the output."""
    import io
    import logging

    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.INFO
    code = 0
    try:
        cfg = mkdocs_config.load_config(config_file=str(config), strict=True, site_dir=str(site_dir))
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, MkDocsException, SystemExit) as exc:
        code = 1
        stream.write(f"\n{exc}\n")
    except Exception as exc:  # a plugin's own error: still a failed build, reported with its type
        code = 1
        stream.write(f"\n{type(exc).__name__}: {exc}\n")
    finally:
        logger.removeHandler(handler)
        logger.level = level
    return BuildResult(code, stream.getvalue(), site_dir)


def fixture_project(tmp_path: Path, name: str = "minimal", changes: dict[str, str | None] | None = None) -> Path:
    """Copy tests/fixtures/<name> to tmp_path, write its mkdocs.yml (pointing at the repo's hook, theme
    overrides and CSL), and apply `changes` (relative path -> new content, or None to delete)."""
    project = tmp_path / name
    shutil.copytree(FIXTURES / name, project)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")  # the site's own CSS and JS
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    config.pop("nav", None)
    config["site_url"] = "https://example.org/fixture/"
    config["extra"]["handout_pages"] = True  # fixtures build their handout pages, as the deployed site does
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / "scripts" / "hooks" / "content.py")]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            plugin["bibtex"]["csl_file"] = str(ROOT / "bibliography" / "chicago-author-date.csl")
        if isinstance(plugin, dict) and "htmlproofer" in plugin:
            plugin["htmlproofer"]["enabled"] = True
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for rel, content in (changes or {}).items():
        target = project / rel
        if content is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    return project


def build_fixture(tmp_path: Path, changes: dict[str, str | None] | None = None, name: str = "minimal") -> BuildResult:
    project = fixture_project(tmp_path, name, changes)
    return build_in_process(project / "mkdocs.yml", tmp_path / "site")


def read(project_or_fixture: Path, rel: str) -> str:
    return (project_or_fixture / rel).read_text(encoding="utf-8")


def reader_text(soup) -> str:
    """The page's text as read in order, without the hover definitions (which repeat the glossary). Walks the
    parsed tree once (no copy and re-parse: this runs over every page of the site)."""
    hidden = {id(s) for tip in soup.select(".st-term__tip") for s in tip.strings}
    return " ".join("".join(s for s in soup.strings if id(s) not in hidden).split())
