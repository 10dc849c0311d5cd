import type { APIRoute } from 'astro';
import { type CollectionEntry, getCollection } from 'astro:content';
import { eventsCalendar } from '../../../data/whats-on';
import { calendarHeaders } from '../../../feeds/icalendar';

/**
 * "Add to calendar": one event as an iCalendar file, with its repeats, cancelled and moved dates
 * (RRULE, EXDATE, RECURRENCE-ID). It claims no "next" date, so it is written at build time.
 */
export async function getStaticPaths() {
  return (await getCollection('events')).map((event) => ({ params: { id: event.id }, props: { event } }));
}

export const GET: APIRoute = async ({ props, site }) => {
  const { event } = props as { event: CollectionEntry<'events'> };
  return new Response(await eventsCalendar([event], event.data.title, site!), { headers: calendarHeaders });
};
