"""Assignee / organisation harmonisation."""

from __future__ import annotations

import pytest

from matmine.tracking.assignees import harmonise_organisation, load_aliases


@pytest.mark.parametrize(
    ("raw", "harmonised"),
    [
        ("TOYOTA JIDOSHA KABUSHIKI KAISHA", "Toyota"),
        ("Toyota Jidosha Kabushiki Kaisha", "Toyota"),
        ("Toyota Motor Corporation", "Toyota"),
        ("Toyota Central R&D Labs., Inc.", "Toyota Central R&D Labs"),
        ("Samsung Electronics Co., Ltd.", "Samsung Electronics"),
        ("SAMSUNG SDI CO., LTD.", "Samsung SDI"),
        ("Panasonic Corporation", "Panasonic"),
        ("Panasonic Intellectual Property Management Co., Ltd.", "Panasonic"),
        ("Matsushita Electric Industrial Co., Ltd.", "Panasonic"),
        ("Hyundai Motor Company", "Hyundai Motor"),
        ("Idemitsu Kosan Co., Ltd.", "Idemitsu"),
        ("IDEMITSU KOSAN CO.,LTD.", "Idemitsu"),
        ("Tokyo Institute of Technology", "Tokyo Institute of Technology"),
        ("Massachusetts Institute of Technology", "MIT"),
        ("Kabushiki Kaisha Toshiba", "Toshiba"),
        ("Hmicro, Inc.", "Hmicro"),
        ("CNH Industrial Canada, Ltd.", "CNH Industrial Canada"),
        ("Merck Serono SA", "Merck Serono"),
        ("Robert Bosch GmbH", "Bosch"),
        ("Siemens AG (DE)", "Siemens"),
        ("Acme Widget Works LLC", "Acme Widget Works"),
        ("ACME WIDGET WORKS INC", "Acme Widget Works"),
        ("BASF SE", "BASF"),
        ("The Regents of the University of California", "Regents of the University of California"),
        (
            "Global Health Division, RTI International, Washington, DC",
            "Global Health Division, RTI International, Washington, DC",
        ),
        ("", ""),
    ],
)
def test_harmonise_organisation(raw: str, harmonised: str) -> None:
    assert harmonise_organisation(raw) == harmonised


def test_samsung_companies_stay_distinct_but_both_samsung() -> None:
    electronics = harmonise_organisation("Samsung Electronics Co., Ltd.")
    sdi = harmonise_organisation("Samsung SDI Co., Ltd.")
    assert electronics != sdi
    assert electronics.startswith("Samsung") and sdi.startswith("Samsung")


def test_harmonising_is_idempotent() -> None:
    for raw in ("Toyota Jidosha KK", "Samsung SDI Co., Ltd.", "Acme GmbH", "Panasonic Corp."):
        once = harmonise_organisation(raw)
        assert harmonise_organisation(once) == once


def test_alias_table_ships_with_the_package() -> None:
    aliases = load_aliases()
    assert aliases["toyota jidosha"] == "Toyota"
    assert aliases["massachusetts institute of technology"] == "MIT"


def test_affiliation_lines_harmonise_to_their_institution() -> None:
    from matmine.tracking.assignees import harmonise_affiliation

    line = ("Department of Materials Science and Engineering, "
            "Massachusetts Institute of Technology, Cambridge, MA 02139, USA")
    assert harmonise_affiliation(line) == "MIT"
    assert harmonise_affiliation("Battery Research Division, Toyota Motor Corporation, "
                                 "Susono, Japan") == "Toyota"


def test_jats_reader_harmonises_affiliations_at_the_source() -> None:
    from pathlib import Path

    from matmine.documents import read_path

    paper = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "DEMO-A0002.xml"
    document = next(read_path(paper))
    assert {o.harmonised for o in document.organisations} == {"MIT", "Samsung Electronics"}
