"""``make demo``: the main job on the bundled demo corpus, then example searches.

Runs ``matmine run`` (embedded index in ``MATMINE_HOME``, default
``./matmine-data``) and then the searches each kind of user would type, printing
each command before its output so it can be copied.
"""

from __future__ import annotations

import shlex
import sys

from matmine.cli import run_cli

DEMO_COMMANDS: list[list[str]] = [
    ["run"],
    # a scientist: Li sulfides without O, sigma >= 1 mS/cm near room temperature
    ["search", "--where",
     'elements HAS ALL "Li","S" AND NOT elements HAS "O" AND ionic_conductivity >= 1 mS/cm '
     "AND temperature <= 330 K", "--limit", "12"],
    # the same with the convenience flags
    ["search", "--elements", "Li,Ge,P,S", "--min-conductivity", "1e-3", "--limit", "5"],
    # an analyst: who disclosed what, in patents
    ["search", "--where", 'kind = "patent" AND cpc STARTS "H01M10/0562"', "--level", "document",
     "--limit", "10"],
    # free text plus a filter: argyrodites from tables and text
    ["search", "argyrodite", "--where", 'elements HAS ALL "Li","P","S","Cl"', "--limit", "5"],
    # one document with its records
    ["show", "DEMO-P0001"],
]


def run_command(args: list[str]) -> int:
    """Run one CLI command in-process, printed first; returns its exit code."""
    print(f"\n$ matmine {shlex.join(args)}", flush=True)
    return run_cli(args)


def main() -> None:
    failures = [args for args in DEMO_COMMANDS if run_command(args) != 0]
    if failures:
        print(f"\ndemo: {len(failures)} command(s) failed", file=sys.stderr)
        sys.exit(1)
    print("\ndemo: done. Try `.venv/bin/matmine --help` for every command.")


if __name__ == "__main__":
    main()
