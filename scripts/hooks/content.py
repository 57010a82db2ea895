"""MkDocs hook: wires build events to the silverthread package. Thin on purpose; logic lives in the package."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from silverthread.bibliography import load as check_bibliography
from silverthread.citations import prewarm, start_prewarm
from silverthread.css_trim import trim_site
from silverthread.errors import ContentError
from silverthread.generated_files import add_generated_files
from silverthread.link_check import check_site
from silverthread.site_content import SiteContent
from silverthread.templates import bytecode_cache

_site = SiteContent()


def _loud(fn):
    """Turn ContentError into a build failure that names the file, line and problem."""
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ContentError as exc:
            raise PluginError(f"Silver Thread content error: {exc}") from None
    wrapper.__name__ = fn.__name__
    return wrapper


def on_startup(command, dirty):
    _site.preview = command == "serve"


@event_priority(100)  # before mkdocs-bibtex parses the .bib, so a malformed entry is reported with file and key
@_loud
def on_config(config):
    check_bibliography(Path(config.config_file_path).parent / config.plugins["bibtex"].config.bib_file)
    return config


@_loud
def on_pre_build(config):
    _site.configure(config)


@event_priority(100)  # early, so other plugins see the generated downloads and handout pages
@_loud
def on_files(files, config):
    registry = config.plugins["bibtex"].registry
    blocks = start_prewarm(registry, _site.citation_texts())  # pandoc formats while the generated files are made
    files = add_generated_files(files, config, _site)
    prewarm(registry, blocks=blocks)
    return files


@event_priority(100)  # before mkdocs-bibtex: check keys, expand markers, keep code spans away from it
@_loud
def on_page_markdown(markdown, page, config, files):
    _site.search_meta(page.file.src_uri, page.meta)
    _site.page_history(page.file.src_uri, page.meta, markdown)
    src = page.file.abs_src_path
    return _site.page_markdown(markdown, page.file.src_uri, Path(src) if src and Path(src).exists() else None)


@_loud
def on_page_content(html, page, config, files):
    if _site.quiz_ids_in(html):
        page.meta["st_quiz"] = True
    html = _site.after_citations(html)  # the '@' hidden from mkdocs-bibtex inside code comes back
    return _site.page_content(html, page.file.src_uri, page.url)


def on_env(env, config, files):
    env.bytecode_cache = bytecode_cache()  # Material's templates and ours compiled once, not on every build
    return env


def on_post_build(config):
    trim_site(Path(config.site_dir))  # Material's stylesheet without rules for classes the site never uses
    base_path = urlsplit(config.site_url or "/").path or "/"
    # the handout PDFs are printed after the build (make handouts): links to exactly those may wait for them
    problems = check_site(Path(config.site_dir), ignore=_site.handout_pdfs, base_path=base_path)
    if problems:
        raise PluginError("Broken internal links or anchors:\n  " + "\n  ".join(problems))


def on_page_context(context, page, config, nav):
    page.content = _site.backlinks(page.content, page.file.src_uri, page.url)
    return context
