from __future__ import annotations

from pathlib import Path

import pytest

from matmine.errors import ConfigurationError
from matmine.settings import Settings


def test_env_overrides_defaults_and_explicit_overrides_env() -> None:
    env = {"MATMINE_HOME": "/data/mm", "MATMINE_WORKERS": "2", "MATMINE_INDEX": "http://es:9200"}
    settings = Settings.from_env(env)
    assert settings.home == Path("/data/mm")
    assert settings.workers == 2
    assert settings.uses_elasticsearch
    assert settings.sqlite_path == Path("/data/mm/index.sqlite")
    assert Settings.from_env(env, workers=4).workers == 4


def test_bad_setting_is_one_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="MATMINE_WORKERS"):
        Settings.from_env({"MATMINE_WORKERS": "many"})


def test_defaults_use_embedded_index() -> None:
    settings = Settings.from_env({})
    assert not settings.uses_elasticsearch
    assert settings.home == Path("matmine-data")
