"""Re-pin the lock files from pyproject.toml (`make lock`): resolve the site dependencies and the test extras
in fresh virtual environments and write requirements.txt and requirements-test.txt."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def freeze(spec: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        pip = [str(Path(tmp) / "bin" / "python"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", spec], check=True, cwd=ROOT)
        lines = subprocess.run([*pip, "freeze", "--exclude-editable"], check=True, capture_output=True,
                               text=True).stdout.splitlines()
    pins = dict(line.split("==", 1) for line in lines if "==" in line)
    pins.pop("silverthread", None)
    return pins


def main() -> int:
    site = freeze(".")
    test = freeze(".[test]")
    (ROOT / "requirements.txt").write_text(
        "# Pinned site dependencies (the lock). Regenerate with `make lock` after changing pyproject.toml.\n"
        + "".join(f"{k}=={v}\n" for k, v in sorted(site.items(), key=lambda kv: kv[0].lower())), encoding="utf-8")
    extra = {k: v for k, v in test.items() if k not in site}
    (ROOT / "requirements-test.txt").write_text(
        "# Pinned test dependencies, on top of requirements.txt.\n-r requirements.txt\n"
        + "".join(f"{k}=={v}\n" for k, v in sorted(extra.items(), key=lambda kv: kv[0].lower())), encoding="utf-8")
    print(f"{len(site)} site pins, {len(extra)} test pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
