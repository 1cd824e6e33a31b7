"""Crawl rate against a local replay server, and proof that politeness holds the configured rate.

Three measurements, each crawl in a child process (a fresh Twisted reactor):

1. Scrapy's ceiling on this machine: a bare spider fetching N pages from the
   local server, politeness off (no delay, no AutoThrottle, no robots.txt,
   16 concurrent requests), no pipeline.
2. matmine's arXiv spider with politeness off, through the whole pipeline
   (raw store → parse → extract → index → state), paging by resumptionToken.
3. The same spider with politeness on (``MATMINE_ARXIV_DELAY``, default 0.5 s
   here to keep it quick; ``--delay 3`` checks arXiv's real 3 s): the measured
   interval between consecutive listing requests must be within 5 % of the
   configured delay.

Run: ``.venv/bin/python benchmarks/crawl_rate.py [--pages 200] [--polite-pages 21] [--delay 0.5]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from matmine.crawlers.replay import ReplayServer, Reply, Rule

RECORD = """<record><header><identifier>oai:arXiv.org:2402.{n:05d}</identifier><datestamp>2024-02-01</datestamp></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2402.{n:05d}</id><created>2024-01-31</created>
<authors><author><keyname>Bench</keyname><forenames>Mark</forenames></author></authors>
<title>Benchmark record {n}: Li{n}PS4 glass</title><categories>cond-mat.mtrl-sci</categories>
<abstract>Li3PS4 glass number {n} conducts at 0.{n} mS/cm at 300 K.</abstract></arXiv></metadata></record>"""


def oai_page(n: int, last: bool) -> bytes:
    token = "" if last else f"bench|{n + 1}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-02-01T00:00:00Z'
        f"</responseDate><ListRecords>{RECORD.format(n=n)}"
        f'<resumptionToken cursor="{n}">{token}</resumptionToken></ListRecords></OAI-PMH>'
    ).encode()


def listing_rules(pages: int) -> list[Rule]:
    rules = [
        Rule(
            "/oai2",
            [Reply(200, oai_page(0, pages == 1), content_type="text/xml")],
            query={"metadataPrefix": "arXiv"},
        )
    ]
    for n in range(1, pages):
        rules.append(
            Rule(
                "/oai2",
                [Reply(200, oai_page(n, n == pages - 1), content_type="text/xml")],
                query={"resumptionToken": f"bench|{n}"},
            )
        )
    return rules


BARE_SPIDER = """
import sys, time, scrapy
from scrapy.crawler import CrawlerProcess
base, n = sys.argv[1], int(sys.argv[2])
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for i in range(n):
            yield scrapy.Request(f"{base}/page/{i}", callback=self.parse)
    def parse(self, response):
        return None
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False})
process.crawl(Bare)
started = time.perf_counter()
process.start()
print(time.perf_counter() - started)
"""


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATMINE_")}
    env.update(MATMINE_HOME=str(home), PYTHONPATH=str(REPO), **extra)
    return env


def bare_ceiling(pages: int) -> float:
    body = b"<html><body>" + b"x" * 2000 + b"</body></html>"
    with ReplayServer([Rule("/page/*", [Reply(200, body, content_type="text/html")])]) as server:
        out = subprocess.run(
            [sys.executable, "-c", BARE_SPIDER, server.url, str(pages)],
            capture_output=True,
            text=True,
            check=True,
            env=env_for(Path("/tmp")),
        )
        seconds = float(out.stdout.strip().splitlines()[-1])
        served = len(server.log)
    assert served == pages, served
    return pages / seconds


def arxiv_crawl(pages: int, home: Path, **env: str) -> tuple[dict, list[float]]:
    with ReplayServer(listing_rules(pages)) as server:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "matmine.crawlers.runner",
                "arxiv",
                "--since",
                "2024-02-01",
                "--endpoint",
                f"{server.url}/oai2",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env_for(home, **env),
            cwd=REPO,
            check=False,
        )
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        times = [r.time for r in server.log if r.path == "/oai2"]
    return json.loads(out.stdout.strip().splitlines()[-1]), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--polite-pages", type=int, default=21)
    parser.add_argument("--delay", type=float, default=0.5)
    args = parser.parse_args()

    ceiling = bare_ceiling(args.pages)
    print(
        f"1. Scrapy ceiling, politeness off, no pipeline: {args.pages} pages, {ceiling:.1f} pages/s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        report, times = arxiv_crawl(
            args.pages,
            Path(tmp) / "fast",
            MATMINE_ARXIV_DELAY="0",
            MATMINE_CRAWL_AUTOTHROTTLE="0",
            MATMINE_CRAWL_OBEY_ROBOTS="0",
        )
        span = times[-1] - times[0]
        print(
            f"2. matmine arxiv spider, politeness off, full pipeline: {len(times)} pages in "
            f"{span:.2f} s = {(len(times) - 1) / span:.1f} pages/s "
            f"({report['new']} documents indexed; sequential: each page needs the previous token)"
        )

        report, times = arxiv_crawl(
            args.polite_pages, Path(tmp) / "polite", MATMINE_ARXIV_DELAY=str(args.delay)
        )
        gaps = [b - a for a, b in itertools.pairwise(times)]
        mean = statistics.mean(gaps)
        error = abs(mean - args.delay) / args.delay
        print(
            f"3. politeness on (MATMINE_ARXIV_DELAY={args.delay}, AutoThrottle on): "
            f"{len(gaps)} intervals, mean {mean:.4f} s, min {min(gaps):.4f} s, "
            f"max {max(gaps):.4f} s; mean off by {error * 100:.2f} % "
            f"-> {'within' if error <= 0.05 else 'OUTSIDE'} 5 %; "
            f"{'no' if min(gaps) >= args.delay * 0.95 else 'some'} interval below 95 % of the delay"
        )
        if error > 0.05:
            sys.exit(1)


if __name__ == "__main__":
    main()
