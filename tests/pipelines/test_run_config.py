from __future__ import annotations

from pathlib import Path

import pytest

from matmine.errors import ConfigurationError, InputNotFoundError
from matmine.pipelines.run import demo_corpus_path, find_run_config, load_run_config
from matmine.settings import Settings


def test_no_config_means_the_demo_corpus() -> None:
    specs = load_run_config(None)
    assert len(specs) == 1
    assert specs[0].type == "files"
    assert specs[0].paths == (demo_corpus_path(),)


def test_config_lists_files_and_crawls_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    config = tmp_path / "matmine.toml"
    config.write_text(
        '[[sources]]\ntype = "files"\npaths = ["papers", "/abs/patents"]\n\n'
        '[[sources]]\ntype = "crawl"\nsource = "arxiv"\nquery = "solid electrolyte"\nmax = 5\n'
    )
    files, crawl = load_run_config(config)
    assert files.paths == ((tmp_path / "papers").resolve(), Path("/abs/patents"))
    assert crawl.source == "arxiv"
    assert dict(crawl.options) == {"query": "solid electrolyte", "max": 5}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", "not valid TOML"),
        ("x = 1", "at least one [[sources]]"),
        ('[[sources]]\ntype = "ftp"', "unknown type 'ftp'"),
        ('[[sources]]\ntype = "files"', "needs a list of 'paths'"),
        ('[[sources]]\ntype = "crawl"', "needs a 'source'"),
    ],
)
def test_bad_configs_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "matmine.toml"
    config.write_text(text)
    with pytest.raises(ConfigurationError, match=message.replace("[", r"\[")):
        load_run_config(config)


def test_missing_config_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        load_run_config(tmp_path / "absent.toml")


def test_config_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_run_config(Settings()) is None
    (tmp_path / "matmine.toml").write_text("")
    assert find_run_config(Settings()) == Path("matmine.toml")
    assert find_run_config(Settings(sources_config=Path("/x.toml"))) == Path("/x.toml")
    assert find_run_config(Settings(), Path("/y.toml")) == Path("/y.toml")
