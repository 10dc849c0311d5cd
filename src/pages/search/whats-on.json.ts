import type { APIRoute } from 'astro';
import { searchDocuments } from '../../data/search-documents';
import { allEvents, upcoming } from '../../data/whats-on';
import { getSite } from '../../data/site';
import { currentTime } from '../../rules/clock';
import { ukToday } from '../../rules/dates';
import { roleIsOpen } from '../../whats-on/status';
import { dayAndTime } from '../../whats-on/words';

/**
 * The events, courses and volunteering roles for the static-only search (/search/static/), whose
 * pages are rendered on the server and so are not in the built HTML Pagefind reads: written at build,
 * read by scripts/search-index.mjs into Pagefind's index as custom records. Only what is still on
 * at build; each event carries its coming dates with when each ends, so the browser shows the next
 * one by the reader's clock and drops the event once the last has passed (src/scripts/search-static.ts),
 * and each role its closing day.
 */
export const GET: APIRoute = async () => {
  const { t } = await getSite();
  const now = currentTime();
  const today = ukToday(now);
  const events = new Map((await allEvents()).map((event) => [`/whats-on/${event.id}/`, event]));
  const records = (await searchDocuments()).flatMap((document) => {
    if (!document.schedule && !document.closes) return [];
    const event = events.get(document.href);
    const dates = event ? upcoming(event, now, 10) : [];
    if (event && dates.length === 0) return [];
    if (document.closes && !roleIsOpen({ closes: document.closes }, today)) return [];
    return [{
      url: document.href,
      // The filter values are words to find it by too, as the server's search matches them ("training", "Chatteris").
      content: [document.title, document.summary, document.terms ?? '', document.keywords, Object.values(document.facets).flat().join(' ')].join('\n'),
      meta: {
        title: document.title,
        summary: document.summary,
        ...(event ? { dates: JSON.stringify(dates.map((date) => ({ ends: date.end.toISOString(), text: t('whatsOn.next', { when: dayAndTime(date, t) }) }))) } : {}),
        ...(document.closes ? { closes: document.closes.toISOString().slice(0, 10) } : {}),
      },
      filters: Object.fromEntries(Object.entries(document.facets).filter(([, values]) => values?.length)),
    }];
  });
  return new Response(JSON.stringify(records), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
