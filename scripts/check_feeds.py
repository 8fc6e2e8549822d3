#!/usr/bin/env python3
"""Check every Atom feed and sitemap in a built site against what the formats require.

RFC 4287: a feed has id, title, updated (RFC 3339), a rel="self" link, and an author (its own
or one in every entry); every entry has id, title, updated and a link. Sitemaps: well-formed,
absolute <loc>s, at most 50,000 per file. Feed parsers are lenient, so this checks the rules
directly. Prints one line per problem and a closing count; exits 1 on any problem.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_feed(path, root, problems):
    def need(el, tag, where):
        child = el.find(ATOM + tag)
        if child is None or not (child.text or "").strip():
            problems.append(f"{path}: {where} has no <{tag}>")
            return None
        return child.text.strip()

    for tag in ("id", "title"):
        need(root, tag, "feed")
    updated = need(root, "updated", "feed")
    if updated and not RFC3339.match(updated):
        problems.append(f"{path}: feed <updated> {updated!r} is not RFC 3339")
    if not any(l.get("rel") == "self" and l.get("href", "").startswith("http") for l in root.findall(ATOM + "link")):
        problems.append(f"{path}: feed has no absolute rel=\"self\" link")
    feed_author = root.find(ATOM + "author") is not None
    for n, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {n}"
        for tag in ("id", "title"):
            need(entry, tag, where)
        u = need(entry, "updated", where)
        if u and not RFC3339.match(u):
            problems.append(f"{path}: {where} <updated> {u!r} is not RFC 3339")
        p = entry.find(ATOM + "published")
        if p is not None and not RFC3339.match((p.text or "").strip()):
            problems.append(f"{path}: {where} <published> is not RFC 3339")
        if not feed_author and entry.find(ATOM + "author") is None:
            problems.append(f"{path}: {where} has no author and the feed has none")
        if not any(l.get("href", "").startswith("http") for l in entry.findall(ATOM + "link")):
            problems.append(f"{path}: {where} has no absolute link")


def check_sitemap(path, root, problems):
    locs = root.findall(f"{SITEMAP}url/{SITEMAP}loc") + root.findall(f"{SITEMAP}sitemap/{SITEMAP}loc")
    if len(locs) > 50000:
        problems.append(f"{path}: {len(locs)} URLs, more than 50,000")
    for loc in locs:
        if not (loc.text or "").startswith("http"):
            problems.append(f"{path}: <loc> {loc.text!r} is not absolute")


def main():
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public")
    problems, feeds, sitemaps = [], 0, 0
    for path in sorted(site.rglob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            problems.append(f"{path}: not well-formed XML: {e}")
            continue
        if root.tag == ATOM + "feed":
            feeds += 1
            check_feed(path, root, problems)
        elif root.tag in (SITEMAP + "urlset", SITEMAP + "sitemapindex"):
            sitemaps += 1
            check_sitemap(path, root, problems)
    for p in problems:
        print(p)
    if feeds == 0:
        problems.append("no Atom feed found")
        print(f"{site}: no Atom feed found")
    status = "ok" if not problems else f"{len(problems)} problems"
    print(f"feeds and sitemaps checked ({feeds} feeds, {sitemaps} sitemaps): {status}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
