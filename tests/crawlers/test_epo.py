"""EPO OPS: OAuth2 token, expired token (401 → new token), search ranges, biblio/claims/description."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from crawl_helpers import (
    FIXTURES,
    Reply,
    Rule,
    fixture,
    index_documents,
    json_reply,
    run_crawl,
    xml,
)

from matmine.crawlers.base import CrawlOptions
from matmine.crawlers.replay import ReplayServer
from matmine.crawlers.runner import crawl
from matmine.errors import CrawlError
from matmine.settings import Settings

KEY, SECRET = "test-client-id", "s3cret-Client-Secret"
TOKENS = ("tok-first-4d2a9", "tok-second-77c1e")
THROTTLE = {
    "X-Throttling-Control": "idle (images=green:200, inpadoc=green:60, other=green:1000, "
    "retrieval=green:6000, search=green:600)"
}
OPS = "/3.2/rest-services/published-data"
# 27 publications: two search ranges (1-25, 26-27); the first has claims and description
PUBLICATIONS = (
    [("EP", "2555000", "A1")]
    + [("EP", str(3000000 + n), "A1") for n in range(24)]
    + [("WO", "2021123456", "A1"), ("EP", "3100000", "B1")]
)


def template(name: str, **values: str) -> bytes:
    text = (FIXTURES / "epo" / name).read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text.encode()


def biblio(cc: str, number: str, kind: str) -> bytes:
    return template(
        "biblio_template.xml",
        CC=cc,
        NUMBER=number,
        KIND=kind,
        FAMILY="4" + number[-6:],
        PUBDATE="20130206" if number == "2555000" else "20240110",
        APPNUMBER="11734567",
        FILED="20110112",
        APPLICANT="TOYOTA MOTOR CO LTD",
        TITLE="SULFIDE SOLID ELECTROLYTE MATERIAL",
        ABSTRACT=f"A sulfide solid electrolyte {number}.",
    )


def search_page(begin: int, end: int) -> bytes:
    refs = "".join(
        template("search_reference.xml", CC=cc, NUMBER=n, KIND=k, FAMILY="1").decode()
        for cc, n, k in PUBLICATIONS[begin - 1 : end]
    )
    return template(
        "search_template.xml",
        TOTAL=str(len(PUBLICATIONS)),
        QUERY="cpc=H01M10/0562",
        BEGIN=str(begin),
        END=str(end),
        REFERENCES=refs,
    )


def epo_rules() -> list[Rule]:
    token_replies = [json_reply(template("token.json", ACCESS_TOKEN=t)) for t in TOKENS]
    rules = [
        Rule("/3.2/auth/accesstoken", token_replies, method="POST"),
        # the first token "expires" before the retrieval calls: 401, then the client must refresh
        Rule(
            f"{OPS}/publication/*",
            [xml(fixture("epo", "invalid_token.xml"), 401)],
            headers={"authorization": f"Bearer {TOKENS[0]}"},
        ),
        Rule(f"{OPS}/search", [xml(search_page(1, 25), **THROTTLE)], query={"Range": "1-25"}),
        Rule(f"{OPS}/search", [xml(search_page(26, 27), **THROTTLE)], query={"Range": "26-50"}),
        Rule(
            f"{OPS}/publication/epodoc/EP2555000/claims",
            [xml(fixture("epo", "claims_EP2555000.xml"))],
        ),
        Rule(
            f"{OPS}/publication/epodoc/EP2555000/description",
            [xml(fixture("epo", "description_EP2555000.xml"))],
        ),
    ]
    for cc, number, kind in PUBLICATIONS:
        rules.append(
            Rule(
                f"{OPS}/publication/docdb/{cc}.{number}.{kind}/biblio",
                [xml(biblio(cc, number, kind), **THROTTLE)],
            )
        )
    return rules  # other claims/description: 404 (no full text), the replay default


def epo_env() -> dict[str, str]:
    return {"MATMINE_EPO_KEY": KEY, "MATMINE_EPO_SECRET": SECRET}


def test_token_search_ranges_and_full_text(home: Path, server: ReplayServer) -> None:
    server.rules.extend(epo_rules())
    result = run_crawl(
        home, "epo", "--since", "2013-01-01", "--endpoint", f"{server.url}/3.2", **epo_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.report["status"] == "complete"
    assert result.report["new"] == len(PUBLICATIONS)

    token_calls = server.requests_to("/3.2/auth/accesstoken")
    assert len(token_calls) == 2  # the first token was rejected once, then refreshed
    expected = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    assert token_calls[0].headers["authorization"] == expected
    searches = server.requests_to(f"{OPS}/search")
    assert [s.query["Range"] for s in searches] == [["1-25"], ["26-50"]]
    assert 'pd within "20130101 29991231"' in searches[0].query["q"][0]
    rejected = [r for r in server.log if r.status == 401]
    assert rejected and all(r.headers["authorization"] == f"Bearer {TOKENS[0]}" for r in rejected)

    doc = index_documents(home)["EP2555000A1"]
    assert doc.kind == "patent" and doc.title == "SULFIDE SOLID ELECTROLYTE MATERIAL"
    assert str(doc.dates.published) == "2013-02-06" and str(doc.dates.priority) == "2010-01-21"
    assert doc.cpc[0] == "H01M10/0562" and doc.ipc[0] == "H01M10/0562"
    assert [o.raw for o in doc.organisations] == ["TOYOTA MOTOR CO LTD"]
    assert [c.depends_on for c in doc.claims] == [(), (1,), (1, 2), (1, 2, 3)]
    assert any("1.2 × 10-2 S/cm" in p.text for p in doc.paragraphs)
    assert index_documents(home)["WO2021123456A1"].claims == ()

    # credentials and tokens never reach logs or stored files
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (
                SECRET.encode(),
                TOKENS[0].encode(),
                TOKENS[1].encode(),
                expected.split()[1].encode(),
            ):
                assert secret not in data, path
    assert SECRET not in result.stderr


def test_missing_credentials_raise_crawl_error(home: Path, server: ReplayServer) -> None:
    message = "^crawl epo needs credentials: set MATMINE_EPO_SECRET$"
    with pytest.raises(CrawlError, match=message):
        crawl(Settings(home=home, epo_key=KEY), CrawlOptions("epo", endpoint=server.url))
    assert not server.log


def test_rejected_credentials_stop_the_crawl(home: Path, server: ReplayServer) -> None:
    server.rules.append(Rule("/3.2/auth/accesstoken", [Reply(401, b'{"error":"invalid_client"}')]))
    result = run_crawl(home, "epo", "--endpoint", f"{server.url}/3.2", **epo_env())
    assert result.returncode == 2
    assert "EPO OPS refused the credentials" in result.stderr
    assert SECRET not in result.stderr
