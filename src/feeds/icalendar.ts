/**
 * An iCalendar file (RFC 5545) of all-day events, such as fund deadlines, for people to add to
 * their own calendar or subscribe to. Small enough to write here: lines end in CRLF, long lines
 * are folded at 75 octets, and text is escaped.
 */

/** One all-day event. */
export interface CalendarEvent {
  /** Unique and stable across builds, e.g. "healthy-fenland-fund-closes-20270228@hub.example.org". */
  uid: string;
  /** The day it happens (UTC midnight, as content dates are). */
  day: Date;
  summary: string;
  description?: string;
  url?: string;
  /** When its details last changed; without a METHOD this is what DTSTAMP means (RFC 5545 §3.8.7.2). */
  lastModified: Date;
}

export interface Calendar {
  /** Who made the file, e.g. "-//Fenland District Council//Community Hub//EN". */
  productId: string;
  /** A name calendar apps show for a subscription. */
  name: string;
  events: CalendarEvent[];
}

/** TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A character's length in UTF-8 (a lone surrogate is written as U+FFFD, three octets, as TextEncoder writes it). */
function octetsOf(character: string): number {
  const code = character.codePointAt(0)!;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Splits a content line into lines of at most 75 octets, never inside a character; each continuation starts with a space. */
export function foldLine(line: string): string {
  // Most lines are short and plain: nothing to fold.
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = octetsOf(character);
    if (octets + size > 75) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** "20261204", a DATE value. */
const dateValue = (day: Date) => day.toISOString().slice(0, 10).replace(/-/g, '');
/** "20261123T000000Z", a DATE-TIME value in UTC. */
const dateTimeValue = (moment: Date) => moment.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const nextDay = (day: Date) => new Date(day.getTime() + 86_400_000);

/** The whole file, ending in CRLF. */
export function icalendar({ productId, name, events }: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${dateTimeValue(event.lastModified)}`,
      `LAST-MODIFIED:${dateTimeValue(event.lastModified)}`,
      `DTSTART;VALUE=DATE:${dateValue(event.day)}`,
      // The end of an all-day event is the next day, not included (RFC 5545 §3.6.1).
      `DTEND;VALUE=DATE:${dateValue(nextDay(event.day))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.url ? [`URL:${event.url}`] : []),
      // A deadline does not make anyone busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** What an iCalendar file is sent as. */
export const calendarHeaders = { 'Content-Type': 'text/calendar; charset=utf-8' };
