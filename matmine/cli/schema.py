"""``matmine schema``: JSON Schema of the data model."""

from __future__ import annotations

import json

import typer

from matmine.cli.app import app
from matmine.errors import MatmineError
from matmine.models import SCHEMA_MODELS


def model_schemas(names: list[str] | None = None) -> dict[str, dict]:
    """JSON Schema of each named model (all of them by default)."""
    names = names or list(SCHEMA_MODELS)
    unknown = [n for n in names if n not in SCHEMA_MODELS]
    if unknown:
        raise MatmineError(
            f"unknown model {unknown[0]!r}; choose from {', '.join(SCHEMA_MODELS)}"
        )
    return {n: SCHEMA_MODELS[n].model_json_schema() for n in names}


@app.command()
def schema(
    models: list[str] = typer.Argument(None, help="Model names (default: all)."),
) -> None:
    """Print the JSON Schema of Document, PropertyRecord, StructureFact, … ."""
    print(json.dumps(model_schemas(models), indent=2))
