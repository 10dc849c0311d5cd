import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { fundAmount } from '../../data/describe';
import { getSite } from '../../data/site';
import { type CalendarEvent, calendarHeaders, icalendar } from '../../feeds/icalendar';

/** Every fund's opening and closing day, to add to a calendar or subscribe to. */
export const GET: APIRoute = async ({ site }) => {
  const { settings, t } = await getSite();
  const host = new URL(site!).hostname;
  const events = (await getCollection('funds')).flatMap(({ id, data }): CalendarEvent[] => {
    const common = { description: `${data.summary} ${fundAmount(data, t)}.`, url: new URL(`/funds/${id}/`, site).href, lastModified: data.lastReviewed };
    const day = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');
    return [
      ...(data.opens ? [{ ...common, uid: `${id}-opens-${day(data.opens)}@${host}`, day: data.opens, summary: t('feed.fundOpens', { fund: data.name }) }] : []),
      ...(data.closes && !data.rolling ? [{ ...common, uid: `${id}-closes-${day(data.closes)}@${host}`, day: data.closes, summary: t('feed.fundCloses', { fund: data.name }) }] : []),
    ];
  });
  events.sort((a, b) => a.day.getTime() - b.day.getTime() || a.uid.localeCompare(b.uid));
  const body = icalendar({ productId: `-//${settings.organisation}//${settings.siteName}//EN`, name: t('feed.calendarName', { site: settings.siteName }), events });
  return new Response(body, { headers: calendarHeaders });
};
