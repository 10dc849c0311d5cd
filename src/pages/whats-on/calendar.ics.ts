import type { APIRoute } from 'astro';
import { getSite } from '../../data/site';
import { allEvents, eventsCalendar } from '../../data/whats-on';
import { calendarHeaders } from '../../feeds/icalendar';

/** Everything on, events and training, as one iCalendar file to subscribe to; written at build time, as it claims no "next" date. */
export const GET: APIRoute = async ({ site }) => {
  const { settings, t } = await getSite();
  return new Response(await eventsCalendar(await allEvents(), t('whatsOn.calendarName', { site: settings.siteName }), site!), { headers: calendarHeaders });
};
