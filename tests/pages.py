"""Report pages and feeds written for the source tests (made-up text, not the seed's)."""

from xml.sax.saxutils import escape

SCRIPT_SECRET = "SCRIPT_TEXT_MUST_NOT_APPEAR"
NAV_TEXT = "Home | Politics | Security | Economy"
FOOTER_TEXT = "Copyright Example Wire, all rights reserved"

PARAGRAPHS = {
    "strike": [
        "Iraqi F-16 jets struck an ISIS hideout in the Wadi al-Shay area south of Kirkuk on "
        "Monday, killing five militants, the Security Media Cell said in a statement.",
        "The statement said the strike followed surveillance of the hideout for several days "
        "and that the site was completely destroyed.",
        "Security forces later searched the area and found weapons and explosive devices "
        "left behind by the militants.",
    ],
    "arrest": [
        "Iraqi security forces detained three ISIS suspects in the city of Mosul on "
        "Tuesday, the Joint Operations Command said.",
        "The suspects were sought under the anti-terrorism law and were handed over to the "
        "judiciary for investigation.",
    ],
    "ied": [
        "An improvised explosive device exploded near an army patrol in Tarmiyah, a town north "
        "of Baghdad, on Wednesday, wounding two soldiers, according to a police officer.",
        "The officer added that the patrol was on a routine mission when the device went off.",
    ],
}


def article_html(
    key: str,
    *,
    title: str,
    published: str = "2021-05-18T09:30:00+03:00",
    publisher: str = "Example Wire",
    json_ld: bool = False,
) -> str:
    """A news page with scripts, styles, navigation, a footer and metadata in its head."""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS[key])
    if json_ld:
        meta = (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            f'"@type": "NewsArticle", "headline": "{title}", "datePublished": "{published}", '
            f'"publisher": {{"@type": "Organization", "name": "{publisher}"}}}}</script>'
        )
    else:
        meta = (
            f'<meta property="og:title" content="{escape(title)}">'
            f'<meta property="og:site_name" content="{escape(publisher)}">'
            f'<meta property="article:published_time" content="{published}">'
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | {escape(publisher)}</title>
{meta}
<style>body {{ font-family: serif; }} .secret::after {{ content: "STYLE_TEXT"; }}</style>
<script>window.tracking = "{SCRIPT_SECRET}"; console.log("{SCRIPT_SECRET}");</script>
</head><body>
<nav><ul><li><a href="/">{NAV_TEXT}</a></li></ul></nav>
<header><div class="logo">Example Wire</div></header>
<main><article>
<h1>{escape(title)}</h1>
{paragraphs}
<script>document.write("{SCRIPT_SECRET}");</script>
</article></main>
<aside><h3>Most read</h3><ul><li>Unrelated story about football</li></ul></aside>
<footer><p>{FOOTER_TEXT}</p></footer>
</body></html>"""


def rss_feed(items: list[dict]) -> str:
    """RSS 2.0 with items {"title", "link", "guid"?, "content"?, "pubDate"?}."""
    rendered = []
    for item in items:
        parts = [f"<title>{escape(item['title'])}</title>"]
        if item.get("link"):
            parts.append(f"<link>{escape(item['link'])}</link>")
        parts.append(f"<guid>{escape(item.get('guid') or item.get('link', ''))}</guid>")
        parts.append(f"<pubDate>{item.get('pubDate', 'Tue, 18 May 2021 06:30:00 GMT')}</pubDate>")
        parts.append("<description>A short teaser.</description>")
        if item.get("content"):
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        rendered.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Example Wire security</title><link>http://example.invalid/</link>"
        "<description>Security news</description>" + "".join(rendered) + "</channel></rss>"
    )


def atom_feed(entries: list[dict]) -> str:
    """Atom 1.0 with entries {"title", "link", "id"}."""
    rendered = "".join(
        f"<entry><title>{escape(e['title'])}</title><id>{escape(e['id'])}</id>"
        f'<link href="{escape(e["link"])}"/><updated>2021-05-19T08:00:00Z</updated>'
        "<summary>Teaser.</summary></entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom wire</title><id>urn:atom-wire</id><updated>2021-05-19T08:00:00Z</updated>"
        + rendered + "</feed>"
    )
