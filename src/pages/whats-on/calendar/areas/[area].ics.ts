import type { APIRoute } from 'astro';
import { type CollectionEntry, getCollection } from 'astro:content';
import { getSite } from '../../../../data/site';
import { allEvents, eventsCalendar } from '../../../../data/whats-on';
import { calendarHeaders } from '../../../../feeds/icalendar';

/** What's on in one town or village, as an iCalendar file to subscribe to: /whats-on/calendar/areas/<area>.ics. */
export async function getStaticPaths() {
  return (await getCollection('areas')).map((area) => ({ params: { area: area.id }, props: { area } }));
}

export const GET: APIRoute = async ({ props, site }) => {
  const { area } = props as { area: CollectionEntry<'areas'> };
  const { settings, t } = await getSite();
  const events = (await allEvents()).filter((event) => event.data.areas.includes(area.id));
  return new Response(await eventsCalendar(events, t('whatsOn.calendarNameOf', { site: settings.siteName, what: area.data.name }), site!), { headers: calendarHeaders });
};
