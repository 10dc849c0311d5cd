/**
 * An event as an iCalendar file (RFC 5545) for "add to calendar": its VEVENTs from recurrence.ts
 * (so the dates are the ones the page shows), with what it is and where, and the Europe/London
 * VTIMEZONE its times refer to. ical.js writes the text: CRLF line ends and escaping; lines are folded at 75 octets by src/feeds/icalendar.ts.
 */
import ICAL from 'ical.js';
import { foldLine } from '../feeds/icalendar';
import { londonComponent, type Schedule, scheduleComponents } from './recurrence';

/** What a calendar entry says besides when. */
export interface CalendarItem extends Schedule {
  /** Unique and stable across builds, e.g. "first-aid-march@hub.example.org". */
  uid: string;
  title: string;
  summary: string;
  /** The venue's name and address, as one line. */
  location?: string;
  /** The item's page. */
  url: string;
  /** Called off altogether: every VEVENT says STATUS:CANCELLED (RFC 5545 §3.8.1.11), so calendars that added it show it cancelled. */
  status?: 'on' | 'cancelled';
}

export interface CalendarFile {
  /** Who made the file, e.g. "-//Fenland District Council//Community Hub//EN". */
  productId: string;
  /** A name calendar apps show for a subscription. */
  name: string;
  /** When the file was made, its DTSTAMP (RFC 5545 §3.8.7.2). */
  stamp: Date;
  items: CalendarItem[];
}

/** An item's VEVENTs: the event and its moved dates, each saying what and where. */
export function itemComponents(item: CalendarItem, stamp: Date): ICAL.Component[] {
  const stampValue = ICAL.Time.fromJSDate(stamp, true);
  return scheduleComponents(item, item.uid).map((component) => {
    component.updatePropertyWithValue('dtstamp', stampValue);
    component.updatePropertyWithValue('summary', item.title);
    component.updatePropertyWithValue('description', `${item.summary}\n\n${item.url}`);
    if (item.location) component.updatePropertyWithValue('location', item.location);
    component.updatePropertyWithValue('url', item.url);
    if (item.status === 'cancelled') component.updatePropertyWithValue('status', 'CANCELLED');
    return component;
  });
}

/** The whole file, ending in CRLF. */
export function calendarFile({ productId, name, stamp, items }: CalendarFile): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('prodid', productId);
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', name);
  calendar.updatePropertyWithValue('x-wr-timezone', 'Europe/London');
  if (items.some((item) => !item.allDay)) calendar.addSubcomponent(new ICAL.Component(londonComponent.toJSON()));
  for (const item of items) for (const component of itemComponents(item, stamp)) calendar.addSubcomponent(component);
  // ical.js folds at 75 octets before the leading space of a continuation line, making it 76: folded again here at 75 with it (RFC 5545 §3.1).
  const lines = calendar.toString().replace(/\r\n[ \t]/g, '').split('\r\n');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
