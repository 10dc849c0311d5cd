/**
 * Events and volunteering roles for the pages: each event's dates read from its calendar
 * components (src/whats-on/recurrence.ts), made once per server, and where it happens in words.
 * The pages that show dates are rendered on the server against the one clock, so a date that has
 * passed is never offered as upcoming.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { atomFeed } from '../feeds/atom';
import type { Translate } from '../i18n';
import { currentTime } from '../rules/clock';
import { formatDate, ukToday } from '../rules/dates';
import { roleIsOpen } from '../whats-on/status';
import { dayAndTime } from '../whats-on/words';
import { type Occurrence, occurrencesOf, scheduleComponents } from '../whats-on/recurrence';
import { upcomingReader } from '../whats-on/upcoming';
import { calendarFile } from '../whats-on/calendar';
import { assetsByName } from './directory';
import { once } from './once';
import { getSite } from './site';

export type EventEntry = CollectionEntry<'events'>;
export type RoleEntry = CollectionEntry<'volunteering'>;

const reader = upcomingReader<string>();

/** An event's dates still to come after `now` (one under way counts), at most `limit`; none once it is cancelled. */
export function upcoming(event: EventEntry, now: Date, limit = 10): Occurrence[] {
  return event.data.status === 'cancelled' ? [] : datesAfter(event, now, limit);
}

/** An event's dates after `now` as planned, cancelled or not (for the page of a cancelled event too), kept per UK day (src/whats-on/upcoming.ts). */
export function datesAfter(event: EventEntry, now: Date, limit = 10): Occurrence[] {
  return reader(event.id, () => scheduleComponents(event.data, event.id), now, limit);
}

/** The last time an event happened, for the page of one that has. */
export function lastOccurrence(event: EventEntry): Occurrence | undefined {
  return occurrencesOf(scheduleComponents(event.data, event.id), { limit: 2000 }).at(-1);
}

export const allEvents = once(() => getCollection('events'));
export const allRoles = once(async () => (await getCollection('volunteering')).sort((a, b) => a.data.title.localeCompare(b.data.title, 'en-GB')));

const assetsById = once(async () => new Map((await assetsByName()).map((asset) => [asset.id, asset])));

/** Where an event happens: the venue's name and address, or its own address, as one line (for calendars too). */
export async function placeOf(data: { venue?: string; address?: { line1: string; line2?: string; town: string; postcode: string } }) {
  const venue = data.venue ? (await assetsById()).get(data.venue) : undefined;
  const address = data.address ?? venue?.data.address;
  const line = [venue?.data.name, address && [address.line1, address.line2, address.town, address.postcode].filter(Boolean).join(', ')].filter(Boolean).join(', ');
  return { venue, address, line };
}

/** Whether any event or role names this group, place or area, for the links on their pages. */
export const whatsOnIndex = once(async () => {
  const [events, roles] = await Promise.all([allEvents(), allRoles()]);
  const index = { groups: new Set<string>(), venues: new Set<string>(), areas: new Set<string>(), funds: new Set<string>(), roleGroups: new Set<string>() };
  const now = currentTime();
  // Only events with a date still to come when the site is built; the list they link to is rendered on the day.
  for (const event of events.filter((event) => upcoming(event, now, 1).length > 0)) {
    const { data } = event;
    data.groups.forEach((id) => index.groups.add(id));
    data.areas.forEach((id) => index.areas.add(id));
    data.funds.forEach((id) => index.funds.add(id));
    if (data.venue) index.venues.add(data.venue);
  }
  for (const { data } of roles) data.groups.forEach((id) => index.roleGroups.add(id));
  return index;
});

/** Events as one iCalendar file for calendar apps to subscribe to: every date pattern, cancelled and moved dates included. */
export async function eventsCalendar(events: EventEntry[], name: string, site: URL): Promise<string> {
  const { settings } = await getSite();
  const host = site.hostname;
  const items = await Promise.all(
    [...events]
      .sort((a, b) => a.data.date.getTime() - b.data.date.getTime() || a.id.localeCompare(b.id))
      .map(async (event) => ({
        ...event.data,
        uid: `${event.id}@${host}`,
        location: (await placeOf(event.data)).line || undefined,
        url: new URL(`/whats-on/${event.id}/`, site).href,
      })),
  );
  return calendarFile({ productId: `-//${settings.organisation}//${settings.siteName}//EN`, name, stamp: currentTime(), items });
}


/** When the content was loaded: what the Atom feeds give as an entry's last update, as the content says nothing of when it changed. */
const loadedAt = once(async () => currentTime());

/** Which items an Atom feed of what's on carries: one kind, one area, or everything. */
export type FeedScope = { kind: 'event' | 'training' | 'volunteering' } | { area: { id: string; name: string } } | Record<string, never>;

/**
 * What's on as an Atom feed, rendered on each request on the one clock: the events and courses still
 * to come, next date first, each with its next dates (cancelled ones left out, moved ones where they
 * moved to), then the volunteering roles still open. Nothing that has passed or closed is in it.
 */
export async function whatsOnFeed(scope: FeedScope, feedPath: string, site: URL, t: Translate): Promise<string> {
  const { settings } = await getSite();
  const now = currentTime();
  const today = ukToday(now);
  const updated = await loadedAt();
  const inScope = (data: { areas: string[] }, kind: string) =>
    ('kind' in scope ? scope.kind === kind : true) && ('area' in scope ? data.areas.includes(scope.area.id) : true);
  const page = (path: string) => new URL(path, site).href;
  const events = (await allEvents())
    .filter((event) => inScope(event.data, event.data.kind))
    .flatMap((event) => {
      const dates = upcoming(event, now, 4);
      return dates.length ? [{ event, dates }] : [];
    })
    .sort((a, b) => a.dates[0]!.start.getTime() - b.dates[0]!.start.getTime());
  const roles = (await allRoles()).filter((role) => inScope(role.data, 'volunteering') && roleIsOpen(role.data, today));
  const entries = [
    ...events.map(({ event, dates }) => ({
      url: page(`/whats-on/${event.id}/`),
      title: event.data.title,
      updated,
      category: t(`kind.${event.data.kind}`),
      summary: [
        event.data.summary,
        t('whatsOn.next', { when: dayAndTime(dates[0]!, t) }),
        ...(event.data.repeat && dates.length > 1 ? [`${t('whatsOn.nextDates')}: ${dates.map((date) => dayAndTime(date, t)).join('; ')}.`] : []),
      ].join('\n'),
    })),
    ...roles.map((role) => ({
      url: page(`/volunteer/${role.id}/`),
      title: role.data.title,
      updated,
      category: t('kind.role'),
      summary: [role.data.summary, role.data.closes ? t('volunteer.applyBy', { date: formatDate(role.data.closes) }) : t('volunteer.noClosingDate')].join('\n'),
    })),
  ];
  const what = 'kind' in scope ? t(`whatsOn.feedOf.${scope.kind}`) : 'area' in scope ? scope.area.name : undefined;
  return atomFeed({
    title: what ? t('whatsOn.feedNameOf', { site: settings.siteName, what }) : t('whatsOn.feedName', { site: settings.siteName }),
    siteUrl: page('kind' in scope && scope.kind === 'volunteering' ? '/volunteer/' : '/whats-on/'),
    feedUrl: page(feedPath),
    author: settings.organisation,
    entries,
    keepOrder: true,
  });
}
