import { daysBetween } from './dates';

interface Listable {
  status: 'active' | 'temporarily-closed' | 'closed';
  visibleFrom?: Date;
  visibleTo?: Date;
}

/** Whether a listing is shown to residents on a given day: inside its visible dates and not closed. */
export function isListed({ status, visibleFrom, visibleTo }: Listable, today: Date): boolean {
  if (status === 'closed') return false;
  if (visibleFrom && daysBetween(today, visibleFrom) > 0) return false;
  if (visibleTo && daysBetween(today, visibleTo) < 0) return false;
  return true;
}

/** Listings not checked for 12 months may be out of date (ALISS and LocalGov use the same yardstick). */
export function isReviewOverdue(lastReviewed: Date, today: Date): boolean {
  const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate()));
  return lastReviewed < yearAgo;
}
