"""Every code example in docs/ runs, so the documentation cannot drift from the code.

Conventions (also described in docs/contributing-docs.md):

- A ```python block runs. The blocks of one page run in order in one namespace, like a
  notebook, in a scratch folder that holds a link to ``examples/``.
- A ```bash block runs only when the line before its fence is ``<!-- docs-test: run -->``.
  Otherwise that line must be ``<!-- docs-test: skip ... -->`` with a reason, so that leaving
  a command untested is a visible decision (a curl call backed by a Python tab, an install).
- ``<!-- docs-test: skip ... -->`` before a python block skips it too.
- ``<!-- docs-test: output -->`` before a text/json block: each of its lines (except ``...``
  and lone brackets) must appear in what the blocks since the previous output check printed;
  ``...`` inside a line matches any text. That keeps trimmed outputs and responses true.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(run|skip|output)\b.*-->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)")
SHELL_LANGS = {"bash", "sh", "shell", "console"}
IGNORED_LINES = {"...", "{", "}", "[", "]", "},", "],", "…"}


@dataclass
class Block:
    page: str
    line: int
    lang: str
    marker: str | None
    code: str

    def where(self) -> str:
        return f"{self.page}:{self.line}"


def parse_blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, with the docs-test marker before each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, lang = match["indent"], match["lang"]
        marker = None
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and (m := MARKER.match(lines[j])):
            marker = m.group(1)
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        blocks.append(Block(path.name, i - len(body), lang, marker, "\n".join(body) + "\n"))
        i += 1
    return blocks


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def _normal(line: str) -> str:
    return line.strip().rstrip(",").strip()


def _shown(wanted: str, seen: set[str]) -> bool:
    if "..." not in wanted:
        return wanted in seen
    # "..." inside a line stands for any text: "id": "clm_..." matches any claim id.
    pattern = re.compile(".*".join(re.escape(part) for part in wanted.split("...")))
    return any(pattern.fullmatch(line) for line in seen)


def check_output(expected: Block, printed: str) -> None:
    seen = {_normal(line) for line in printed.splitlines()}
    for line in expected.code.splitlines():
        wanted = _normal(line)
        if wanted and wanted not in IGNORED_LINES:
            assert _shown(wanted, seen), (
                f"{expected.where()}: documented output line {wanted!r} is not printed by the "
                f"examples above it; they printed:\n{printed}"
            )


@pytest.fixture()
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONFLICTNEWS_DB", str(tmp_path / "conflictnews.db"))
    return tmp_path


def run_shell(block: Block, cwd: Path) -> str:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block.code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{block.where()} failed:\n{block.code}\n{done.stderr}"
    return done.stdout


def run_python(block: Block, namespace: dict[str, object]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(block.code, block.where(), "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"{block.where()} failed: {exc!r}\n{block.code}") from exc
    return out.getvalue()


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_page_examples_run(page: Path, scratch: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    printed = ""  # everything printed since the last output check (tabs put blocks in between)
    for block in parse_blocks(page):
        if block.marker == "output":
            check_output(block, printed)
            printed = ""
        elif block.marker == "skip":
            continue
        elif block.lang == "python":
            printed += run_python(block, namespace)
        elif block.lang in SHELL_LANGS and block.marker == "run":
            printed += run_shell(block, scratch)


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_every_shell_block_is_run_or_skipped_on_purpose(page: Path) -> None:
    for block in parse_blocks(page):
        if block.lang in SHELL_LANGS:
            assert block.marker in {"run", "skip"}, (
                f"{block.where()}: mark this {block.lang} block with <!-- docs-test: run --> "
                "or <!-- docs-test: skip (reason) -->"
            )


def test_markers_parse(tmp_path: Path) -> None:
    sample = tmp_path / "sample.md"
    sample.write_text(
        "<!-- docs-test: skip (installs) -->\n```bash\npip install x\n```\n\n"
        "=== \"Python\"\n\n    ```python\n    print('a')\n    ```\n\n"
        "<!-- docs-test: output -->\n```text\na\n```\n",
        encoding="utf-8",
    )
    blocks = parse_blocks(sample)
    assert [(b.lang, b.marker) for b in blocks] == [
        ("bash", "skip"),
        ("python", None),
        ("text", "output"),
    ]
    assert blocks[1].code == "print('a')\n"
    check_output(blocks[2], "a\n")
    with pytest.raises(AssertionError):
        check_output(blocks[2], "b\n")
    trimmed = Block("x.md", 1, "json", "output", '{\n  "id": "clm_...",\n  ...\n}\n')
    check_output(trimmed, '{\n  "id": "clm_1f",\n  "event": "capture"\n}\n')
    with pytest.raises(AssertionError):
        check_output(trimmed, '{\n  "id": "art_1f"\n}\n')


def test_repository_paths_named_in_docs_exist() -> None:
    # Pages name repository files as `examples/...` in code spans (mkdocs cannot link outside
    # docs/); a renamed file must not leave a dead name behind.
    named = re.compile(r"`((?:examples|benchmarks|src|api|tests)/[\w./-]*[\w/])`")
    for page in pages():
        for target in named.findall(page.read_text(encoding="utf-8")):
            if "*" not in target:
                assert (ROOT / target).exists(), f"{page.name} names missing {target}"


def test_deployment_page_names_every_setting() -> None:
    from conflictnews.api.settings import Settings
    from conflictnews.pipeline import MODEL_ENV
    from conflictnews.places._gazetteer import CACHE_ENV
    from conflictnews.store import DB_ENV

    page = (DOCS / "deployment.md").read_text(encoding="utf-8")
    prefix = Settings.model_config.get("env_prefix", "")
    names = {f"{prefix}{field}".upper() for field in Settings.model_fields}
    for name in sorted(names | {MODEL_ENV, CACHE_ENV, DB_ENV}):
        assert f"`{name}`" in page, f"docs/deployment.md does not document {name}"


def test_reference_page_documents_every_public_name() -> None:
    import conflictnews

    page = (DOCS / "reference.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: conflictnews\.(\w+)$", page, re.MULTILINE))
    public = set(conflictnews.__all__) - {"__version__"}
    assert documented == public, (
        f"docs/reference.md: add {sorted(public - documented)}, "
        f"remove {sorted(documented - public)}"
    )
