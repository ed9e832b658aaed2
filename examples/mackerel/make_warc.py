"""Regenerate archive.warc.gz: one HTML page as a crawler would have captured it.

Run from this folder with the project's environment: python make_warc.py
"""
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Oslo signing set for June | Fish Trade Weekly</title>
<meta property="og:site_name" content="Fish Trade Weekly">
<meta name="date" content="2025-04-14">
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/policy">Policy</a></nav>
<article><h1>Oslo signing set for June</h1>
<p>Exporters in Bergen and Reykjavik welcomed news on Monday that the mackerel agreement between Norway and Iceland will be signed in Oslo in June.</p>
<p>Prices for frozen mackerel rose slightly after the announcement, traders said, as buyers in Asia expect steadier supplies once the two countries stop setting rival quotas.</p>
<p>"A signed agreement is worth more to the market than another good meeting," said Henrik Aas, who heads the Norwegian Seafood Exporters' Group.</p>
</article>
<footer>Subscribe to Fish Trade Weekly. All rights reserved.</footer>
</body></html>
"""


def main() -> None:
    target = Path(__file__).parent / "articles" / "archive.warc.gz"
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        body = PAGE.encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://fishtrade.example/2025/04/14/oslo-signing", "response", payload=BytesIO(body),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2025-04-15T09:00:00Z"},
        )
        writer.write_record(record)


if __name__ == "__main__":
    main()
