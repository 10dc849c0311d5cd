import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { storiesByDate } from '../data/directory';
import { getSite } from '../data/site';
import { atomFeed, atomHeaders } from '../feeds/atom';

/** New and updated funds and stories, for feed readers. */
export const GET: APIRoute = async ({ site }) => {
  const { settings, t } = await getSite();
  const page = (path: string) => new URL(path, site).href;
  const funds = (await getCollection('funds')).map(({ id, data }) => ({
    url: page(`/funds/${id}/`), title: data.name, updated: data.lastReviewed, summary: data.summary, author: data.funder, category: t('kind.fund'),
  }));
  const stories = (await storiesByDate()).map(({ id, data }) => ({
    url: page(`/stories/${id}/`), title: data.title, updated: data.date, summary: data.summary, author: data.author, category: t('kind.story'),
  }));
  const body = atomFeed({
    title: t('feed.title', { site: settings.siteName }),
    subtitle: t('feed.subtitle'),
    siteUrl: page('/'),
    feedUrl: page('/feed.xml'),
    author: settings.organisation,
    entries: [...funds, ...stories],
  });
  return new Response(body, { headers: atomHeaders });
};
