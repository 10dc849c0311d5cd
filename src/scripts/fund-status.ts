/**
 * Works out each fund's status again on the reader's day, so a page built last week still says
 * truthfully whether a fund is open. Without JavaScript, pages show the status on the build day.
 */
import { datesFrom, refreshedTexts, statusColour, textsId } from '../components/fund-status';
import { fundDeadline } from '../data/describe';
import type { Translate } from '../i18n';
import { ukToday } from '../rules/dates';
import { acceptsApplications, fundStatus } from '../rules/fund-status';

type RefreshedText = (typeof refreshedTexts)[number];
const texts: Partial<Record<RefreshedText, string>> = JSON.parse(document.getElementById(textsId)?.textContent ?? '{}');
const t = ((key: RefreshedText, values: Record<string, string> = {}) =>
  (texts[key] ?? '').replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)) as Translate;
const today = ukToday();

for (const element of document.querySelectorAll<HTMLElement>('[data-fund-refresh]')) {
  const dates = datesFrom(element);
  const status = fundStatus(dates, today);
  const part = element.dataset.fundRefresh;
  if (part === 'tag') {
    element.classList.remove(...Object.values(statusColour));
    element.classList.add(statusColour[status]);
    element.textContent = t(`fund.status.${status}`);
  } else if (part === 'deadline') {
    element.textContent = fundDeadline(dates, status, t);
  } else if (part === 'when-accepting' || part === 'when-not-accepting') {
    element.hidden = acceptsApplications(status) !== (part === 'when-accepting');
  }
}
