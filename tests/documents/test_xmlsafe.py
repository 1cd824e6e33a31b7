# ruff: noqa: E501  (expected values are quoted verbatim from the source files)
"""Safe XML parsing and inline text flattening."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from matmine.documents import read_bytes
from matmine.documents.xmlsafe import inline_text, parse_xml
from matmine.errors import DocumentParseError


def _text(xml: str, **kwargs: object) -> str:
    return inline_text(parse_xml(xml.encode("utf-8")), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<p>Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub></p>", "Li10GeP2S12"),
        ("<p>σ = 1.2 × 10<sup>−3</sup> S cm<sup>−1</sup></p>", "σ = 1.2 × 10^−3 S cm−1"),
        ("<p>10<sup>−3</sup></p>", "10^−3"),
        ("<p>2x10<sup>4</sup> cells</p>", "2x10^4 cells"),
        ("<p>Li<sup>+</sup> and <sup>7</sup>Li NMR</p>", "Li+ and 7Li NMR"),
        # a subscript 10 followed by a charge is a formula, not a power of ten
        ("<p>B<sub>10</sub>H<sub>10</sub><sup>2−</sup></p>", "B10H102−"),
        ("<p>CO<sub>2 </sub>concentration</p>", "CO2 concentration"),
        (
            "<p>The <i>x</i> = 0.<b>25</b> sample (<xref rid='b1'>Kamaya <i>et al.</i></xref>)</p>",
            "The x = 0.25 sample (Kamaya et al.)",
        ),
        ("<p>a<br/>b</p>", "a b"),
        (
            "<claim-text>1. A method: <claim-text>step one;</claim-text><claim-text>step two.</claim-text></claim-text>",
            "1. A method: step one; step two.",
        ),
        ("<p>  spaced\n\t out\u2003text </p>", "spaced out text"),
    ],
)
def test_inline_text(xml: str, expected: str) -> None:
    assert _text(xml) == expected


def test_inline_text_skips_named_children_but_keeps_their_tail() -> None:
    assert (
        _text("<p>before<tables><table>T</table></tables> after</p>", skip=("tables",))
        == "before after"
    )


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(DocumentParseError, match=r"^malformed XML at line 3: "):
        parse_xml(b"<a>\n<b>\n</a>")


def test_external_entity_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    for target in ("file:///etc/passwd", secret.as_uri()):
        xml = (
            f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY xxe SYSTEM "{target}">]>\n'
            '<article><front><article-meta><article-id pub-id-type="publisher-id">DEMO-X1</article-id>'
            "<title-group><article-title>T &xxe; end</article-title></title-group></article-meta></front>"
            "<body><sec><title>S</title><p>before &xxe; after</p></sec></body></article>"
        ).encode()
        (doc,) = read_bytes(xml, "xxe.xml")
        everything = doc.model_dump_json()
        assert "root:" not in everything and "TOP-SECRET-CONTENT" not in everything
        assert doc.title == "T end"
        assert [p.text for p in doc.paragraphs] == ["before after"]


def test_internal_entity_expansion_bomb_is_not_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<p>&c;</p>"
    )
    assert "aaaa" not in _text(xml.decode())


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        type(self).hits.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def dtd_server() -> Iterator[str]:
    _CountingHandler.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_web_dtd_and_external_entities_are_never_fetched(dtd_server: str) -> None:
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE us-patent-grant SYSTEM "{dtd_server}/grant.dtd" '
        f'[<!ENTITY % remote SYSTEM "{dtd_server}/param.dtd"> %remote; '
        f'<!ENTITY ext SYSTEM "{dtd_server}/ext.txt">]>\n'
        "<p>x &ext; &leak; y</p>"
    ).encode()
    text = inline_text(parse_xml(xml))
    assert "LEAKED" not in text
    assert _CountingHandler.hits == []


@pytest.mark.shared_data
def test_pap_file_with_web_dtd_parses_offline(shared_data: Path, dtd_server: str) -> None:
    data = (shared_data / "patents" / "uspto" / "US20010000044A1.xml").read_bytes()
    assert b"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" in data
    # point the DOCTYPE at the local server: nothing may be requested
    data = data.replace(
        b"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd", f"{dtd_server}/x.dtd".encode()
    )
    (doc,) = read_bytes(data, "US20010000044A1.xml")
    assert doc.id == "US20010000044A1"
    assert _CountingHandler.hits == []
