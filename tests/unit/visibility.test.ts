import { describe, expect, it } from 'vitest';
import { ukToday } from '../../src/rules/dates';
import { isListed, isReviewOverdue } from '../../src/rules/visibility';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const today = day('2026-11-23');

describe('whether residents see a listing', () => {
  it('shows an active listing with no visible dates', () => {
    expect(isListed({ status: 'active' }, today)).toBe(true);
  });

  it('shows a temporarily closed listing (it says so on the page) but hides a closed one', () => {
    expect(isListed({ status: 'temporarily-closed' }, today)).toBe(true);
    expect(isListed({ status: 'closed' }, today)).toBe(false);
  });

  it('hides a listing before its visible-from date and after its visible-to date', () => {
    expect(isListed({ status: 'active', visibleFrom: day('2026-11-24') }, today)).toBe(false);
    expect(isListed({ status: 'active', visibleFrom: day('2026-11-23') }, today)).toBe(true);
    expect(isListed({ status: 'active', visibleTo: day('2026-11-22') }, today)).toBe(false);
    expect(isListed({ status: 'active', visibleTo: day('2026-11-23') }, today)).toBe(true);
  });
});

describe('whether a listing’s review is overdue', () => {
  it('is overdue when last reviewed more than 12 months ago', () => {
    expect(isReviewOverdue(day('2025-11-22'), today)).toBe(true);
    expect(isReviewOverdue(day('2025-11-23'), today)).toBe(false);
    expect(isReviewOverdue(day('2026-06-01'), today)).toBe(false);
  });
});

describe('today', () => {
  it('is the calendar day in the UK, even late in the evening in summer time', () => {
    expect(ukToday(new Date('2026-07-01T23:30:00Z'))).toEqual(day('2026-07-02'));
    expect(ukToday(new Date('2026-12-01T23:30:00Z'))).toEqual(day('2026-12-01'));
  });
});
