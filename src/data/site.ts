/** What every page needs: the settings, the interface strings and the build's "today". */
import { getEntry } from 'astro:content';
import { translator } from '../i18n';
import { ukToday } from '../rules/dates';
import { once } from './once';

/** The day the site was built; pages built later refresh in the browser where it matters (funds). */
export const today = ukToday();

export const getSite = once(async () => {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yaml is missing');
  const settings = entry.data;
  return { settings, t: translator(settings.language) };
});
