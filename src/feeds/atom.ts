/**
 * An Atom feed (RFC 4287) of new and updated entries, such as funds and stories, for feed
 * readers and other sites. Small enough to write here: the XML is escaped and dates are RFC 3339.
 */

export interface AtomEntry {
  /** The entry's page; also its permanent id. */
  url: string;
  title: string;
  updated: Date;
  summary: string;
  /** Who wrote it; the feed's author is used when left out. */
  author?: string;
  /** A word for what it is, e.g. "Fund" or "Story". */
  category?: string;
}

export interface AtomFeed {
  title: string;
  subtitle?: string;
  /** The site's home page. */
  siteUrl: string;
  /** Where the feed itself lives; also its permanent id. */
  feedUrl: string;
  author: string;
  entries: AtomEntry[];
  /** Keep the entries in the order given (what's on: next date first) instead of newest first. */
  keepOrder?: boolean;
}

/** Escapes the five characters XML gives meaning to. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The feed as an XML document, entries newest first; it was updated when its newest entry was. */
export function atomFeed({ title, subtitle, siteUrl, feedUrl, author, entries, keepOrder = false }: AtomFeed): string {
  const sorted = keepOrder ? entries : [...entries].sort((a, b) => b.updated.getTime() - a.updated.getTime());
  const updated = new Date(Math.max(0, ...entries.map((entry) => entry.updated.getTime())));
  const person = (name: string) => `<author><name>${escapeXml(name)}</name></author>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(feedUrl)}</id>`,
    `<title>${escapeXml(title)}</title>`,
    ...(subtitle ? [`<subtitle>${escapeXml(subtitle)}</subtitle>`] : []),
    `<updated>${updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(siteUrl)}"/>`,
    person(author),
    ...sorted.map((entry) =>
      [
        '<entry>',
        `<id>${escapeXml(entry.url)}</id>`,
        `<title>${escapeXml(entry.title)}</title>`,
        `<updated>${entry.updated.toISOString()}</updated>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
        ...(entry.author ? [person(entry.author)] : []),
        ...(entry.category ? [`<category term="${escapeXml(entry.category)}"/>`] : []),
        `<summary>${escapeXml(entry.summary)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
    '',
  ].join('\n');
}

/** What an Atom feed is sent as. */
export const atomHeaders = { 'Content-Type': 'application/atom+xml; charset=utf-8' };
