import type { APIRoute } from 'astro';
import { type CollectionEntry, getCollection } from 'astro:content';
import { getSite } from '../../../data/site';
import { placeOf } from '../../../data/whats-on';
import { currentTime } from '../../../rules/clock';
import { calendarFile } from '../../../whats-on/calendar';

/**
 * "Add to calendar": one event as an iCalendar file, with its repeats, cancelled and moved dates
 * (RRULE, EXDATE, RECURRENCE-ID). It claims no "next" date, so it is written at build time.
 */
export async function getStaticPaths() {
  return (await getCollection('events')).map((event) => ({ params: { id: event.id }, props: { event } }));
}

export const GET: APIRoute = async ({ props, site }) => {
  const { event } = props as { event: CollectionEntry<'events'> };
  const { settings } = await getSite();
  const place = await placeOf(event.data);
  const body = calendarFile({
    productId: `-//${settings.organisation}//${settings.siteName}//EN`,
    name: event.data.title,
    stamp: currentTime(),
    items: [{ ...event.data, uid: `${event.id}@${new URL(site!).hostname}`, location: place.line || undefined, url: new URL(`/whats-on/${event.id}/`, site).href }],
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
