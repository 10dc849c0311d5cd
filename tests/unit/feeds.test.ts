import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml } from '../../src/feeds/atom';
import { escapeText, foldLine, icalendar } from '../../src/feeds/icalendar';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const octets = (line: string) => new TextEncoder().encode(line).length;

describe('the iCalendar file of fund deadlines', () => {
  const calendar = icalendar({
    productId: '-//Fenland District Council//Community Hub//EN',
    name: 'Fenland funding deadlines',
    events: [
      {
        uid: 'healthy-fenland-fund-closes-20270228@hub.example.org',
        day: day('2027-02-28'),
        summary: 'Healthy Fenland Fund closes',
        description: 'Small grants for community groups in Fenland to start or grow local projects that improve health and wellbeing, building on the skills, places and connections a community already has.',
        url: 'https://hub.example.org/funds/healthy-fenland-fund/',
        lastModified: day('2026-11-02'),
      },
    ],
  });
  const lines = calendar.split('\r\n');

  it('ends every line in CRLF, with no bare line feeds', () => {
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('is one calendar with the required properties, and an all-day event with UID and DTSTAMP', () => {
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Fenland District Council//Community Hub//EN']);
    expect(lines).toEqual(expect.arrayContaining([
      'BEGIN:VEVENT',
      'UID:healthy-fenland-fund-closes-20270228@hub.example.org',
      'DTSTAMP:20261102T000000Z',
      'DTSTART;VALUE=DATE:20270228',
      'DTEND;VALUE=DATE:20270301',
      'SUMMARY:Healthy Fenland Fund closes',
      'URL:https://hub.example.org/funds/healthy-fenland-fund/',
      'END:VEVENT',
    ]));
  });

  it('folds long lines at 75 octets, and unfolding gives back the text', () => {
    expect(lines.every((line) => octets(line) <= 75)).toBe(true);
    const unfolded = calendar.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Small grants for community groups in Fenland to start or grow local projects that improve health and wellbeing\\, building on the skills\\, places and connections a community already has.');
  });
});

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('Tea, cake; and a \\ backslash\nnext line')).toBe('Tea\\, cake\\; and a \\\\ backslash\\nnext line');
  });

  it('leaves a line of 75 octets alone and folds the 76th onto a line starting with a space', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('never splits a character of more than one octet', () => {
    const folded = foldLine(`SUMMARY:${'£'.repeat(60)}`);
    for (const line of folded.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'£'.repeat(60)}`);
  });

  it('counts octets as UTF-8 does for every width of character, folding as late as it can', () => {
    for (const text of ['é', '€', '🙂', '\uD800', 'a', 'ß']) {
      const line = `DESCRIPTION:${text.repeat(70)}`;
      const folded = foldLine(line).split('\r\n');
      expect(folded.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
      for (const [index, part] of folded.entries()) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        // A line is folded only when the next character would not fit.
        if (index < folded.length - 1) expect(octets(part) + octets([...folded[index + 1].slice(1)][0])).toBeGreaterThan(75);
      }
    }
  });
});

describe('the Atom feed of funds and stories', () => {
  const feed = atomFeed({
    title: 'Fenland Community Hub',
    siteUrl: 'https://hub.example.org/',
    feedUrl: 'https://hub.example.org/feed.xml',
    author: 'Fenland District Council',
    entries: [
      { url: 'https://hub.example.org/funds/small-sparks/', title: 'Small Sparks', updated: day('2026-10-28'), summary: 'Grants of up to £500 & no forms', category: 'Fund' },
      { url: 'https://hub.example.org/stories/first-harvest/', title: 'The garden’s <first> harvest', updated: day('2026-11-12'), summary: 'Friday Bridge', author: 'Sam, community enabler' },
    ],
  });

  it('has the id, title, updated and author Atom requires, and links to itself', () => {
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(feed).toContain('<id>https://hub.example.org/feed.xml</id>');
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://hub.example.org/feed.xml"/>');
    expect(feed).toContain('<author><name>Fenland District Council</name></author>');
  });

  it('lists the newest entry first and was updated when it was', () => {
    expect(feed.indexOf('first-harvest')).toBeLessThan(feed.indexOf('small-sparks'));
    expect(feed).toContain('<updated>2026-11-12T00:00:00.000Z</updated>\n<link rel="self"');
  });

  it('escapes text so it stays well-formed', () => {
    expect(feed).toContain('<title>The garden’s &lt;first&gt; harvest</title>');
    expect(feed).toContain('<summary>Grants of up to £500 &amp; no forms</summary>');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
