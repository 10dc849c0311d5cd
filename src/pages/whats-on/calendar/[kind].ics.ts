import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site';
import { allEvents, eventsCalendar } from '../../../data/whats-on';
import { calendarHeaders } from '../../../feeds/icalendar';
import { eventKinds } from '../../../schemas/event';
import { calendarKinds } from '../../../whats-on/filters';

/** One kind (events or training) as an iCalendar file to subscribe to: /whats-on/calendar/events.ics, /whats-on/calendar/training.ics. */
export function getStaticPaths() {
  return eventKinds.map((kind) => ({ params: { kind: calendarKinds[kind] }, props: { kind } }));
}

export const GET: APIRoute = async ({ props, site }) => {
  const { kind } = props as { kind: (typeof eventKinds)[number] };
  const { settings, t } = await getSite();
  const events = (await allEvents()).filter((event) => event.data.kind === kind);
  return new Response(await eventsCalendar(events, t('whatsOn.calendarNameOf', { site: settings.siteName, what: t(`whatsOn.calendar.${kind}`) }), site!), { headers: calendarHeaders });
};
