#!/usr/bin/python3
"""
Reads an Atom feed with feedparser (Debian's python3-feedparser), a real feed parser that shares no code
with the site, and prints what it found as JSON: whether it was well formed ("bozo" is feedparser's flag
for a feed it had to guess at, with the reason), the feed's title and links, and each entry's id, title,
link, updated time and summary.

Usage: parse-feed.py FILE
"""
import json
import sys

import feedparser

parsed = feedparser.parse(sys.argv[1])
print(json.dumps({
    'bozo': bool(parsed.bozo),
    'problem': str(parsed.get('bozo_exception', '')),
    'version': parsed.version,
    'title': parsed.feed.get('title'),
    'links': [{'rel': link.get('rel'), 'href': link.get('href')} for link in parsed.feed.get('links', [])],
    'entries': [{'id': entry.get('id'), 'title': entry.get('title'), 'link': entry.get('link'), 'updated': entry.get('updated'), 'summary': entry.get('summary'), 'category': [tag.get('term') for tag in entry.get('tags', [])]} for entry in parsed.entries],
}))
