"""The repository itself: lint-clean Python, workflow files that GitHub can run, hash-verified lock files."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sitebuild import FIXTURES, ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def check_workflows(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, paths)], capture_output=True, text=True)


def test_workflow_files_match_githubs_workflow_schema():
    assert WORKFLOWS
    result = check_workflows(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_check_rejects_a_broken_workflow():
    result = check_workflows([FIXTURES / "workflows" / "misspelt-steps.yml"])
    assert result.returncode != 0 and "'step' was unexpected" in result.stdout


def test_workflows_on_ubuntu_use_a_real_chrome_not_the_snap_stub():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        if "make test" in text or "make handouts" in text:
            assert "CHROMIUM: /usr/bin/google-chrome" in text, path.name
            assert not re.search(r"apt-get install[^\n]*\bchromium\b", text), f"{path.name} installs the snap stub"


def test_python_code_is_lint_clean():
    result = subprocess.run([str(BIN / "ruff"), "check", "scripts", "tests"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_every_pin_in_the_lock_files_carries_a_hash():
    for name in ("requirements.txt", "requirements-test.txt", "requirements-linkcheck.txt", "requirements-canary.txt"):
        text = (ROOT / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
        assert entries, name
        for entry in entries:
            assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==\S+", entry), f"{name}: not an exact pin: {entry[:60]}"
            assert "--hash=sha256:" in entry, f"{name}: {entry.split()[0]} has no hash"


def test_the_makefile_installs_with_hash_checking():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install[^\n]*-r requirements[^\n]*", make)
    assert len(installs) == 4 and all("--require-hashes" in line for line in installs), installs


def test_handouts_table_cells_in_each_mode():
    """Handout pages and PDFs (`make handouts`, deploy): both linked. Handout pages in `mkdocs serve`
    (SILVERTHREAD_HANDOUTS=1 make serve): the web pages linked, one note on how to print the PDFs. No handout
    pages (`make build`, `make serve`): every cell says so, one note says how to make them, and the only link is to
    the published Handouts page."""
    import importlib.util

    from silverthread.print_kit import SITE_URL

    spec = importlib.util.spec_from_file_location("content_hook", ROOT / "scripts" / "hooks" / "content.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    site = hook._site.load()
    from silverthread.print_kit import kit_extras
    cells = 3 * len(site.lessons) + 4 + len(kit_extras(site))
    assert len(kit_extras(site)) == 2  # role cards and the comparison grid

    def table(command: str, pages: bool) -> str:
        hook.on_startup(command=command, dirty=False)
        site.handout_pages = pages
        return site._handlers("instructors/handouts.md")["handouts-table"](None)

    deployed = table("build", True)
    assert "make handouts" not in deployed
    assert deployed.count('.pdf"') == cells and deployed.count('/">web page') == cells
    preview = table("serve", True)
    assert ".pdf" not in preview and preview.count("<code>make handouts</code>") == 1
    assert preview.count('/">web page') == cells
    for command in ("build", "serve"):
        bare = table(command, False)
        assert bare.count("Not in this local copy") == cells and bare.count("<code>make handouts</code>") == 1
        assert re.findall(r'href="([^"]+)"', bare) == [f"{SITE_URL}instructors/handouts/"]
        assert ("SILVERTHREAD_HANDOUTS=1 make serve" in bare) == (command == "serve")  # the preview's own step


def test_whole_site_tools_build_with_the_handout_pages():
    """make handouts, make linkcheck (the deployed handout URLs) and make canary compare the site as deployed."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("handouts", "linkcheck"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
        assert "SILVERTHREAD_HANDOUTS=1 $(BIN)/mkdocs build --strict" in recipe, target
    assert '"SILVERTHREAD_HANDOUTS": "1"' in (ROOT / "scripts" / "canary.py").read_text(encoding="utf-8")


def test_printed_site_address_is_the_configured_one(monkeypatch):
    """print_kit.SITE_URL (PDF headers, the Handouts page's note) is mkdocs.yml's site_url when nothing overrides it."""
    from mkdocs.config import load_config
    from silverthread.print_kit import SITE_URL
    monkeypatch.delenv("SILVERTHREAD_SITE_URL", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == SITE_URL
