import { describe, expect, it } from 'vitest';
import { acceptsApplications, fundStatus } from '../../src/rules/fund-status';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const today = day('2026-11-23');

describe('a fund’s status on a given day', () => {
  it('is open when the closing date is more than 14 days away', () => {
    expect(fundStatus({ closes: day('2027-02-28'), rolling: false }, today)).toBe('open');
  });

  it('is closing soon within 14 days of the closing date, and on the closing day itself', () => {
    expect(fundStatus({ closes: day('2026-12-07'), rolling: false }, today)).toBe('closing-soon');
    expect(fundStatus({ closes: day('2026-11-23'), rolling: false }, today)).toBe('closing-soon');
    expect(fundStatus({ closes: day('2026-12-08'), rolling: false }, today)).toBe('open');
  });

  it('is closed the day after the closing date', () => {
    expect(fundStatus({ closes: day('2026-11-22'), rolling: false }, today)).toBe('closed');
  });

  it('opens soon when the opening date is within 14 days, and is not open yet before that', () => {
    expect(fundStatus({ opens: day('2026-12-01'), closes: day('2027-01-31'), rolling: false }, today)).toBe('opens-soon');
    expect(fundStatus({ opens: day('2027-01-05'), closes: day('2027-03-31'), rolling: false }, today)).toBe('not-open-yet');
  });

  it('is rolling when it has no closing date and has opened', () => {
    expect(fundStatus({ rolling: true }, today)).toBe('rolling');
    expect(fundStatus({ opens: day('2026-01-01'), rolling: true }, today)).toBe('rolling');
  });

  it('accepts applications only while open, closing soon or rolling', () => {
    expect(['open', 'closing-soon', 'rolling'].every((s) => acceptsApplications(s as never))).toBe(true);
    expect(['closed', 'opens-soon', 'not-open-yet'].some((s) => acceptsApplications(s as never))).toBe(false);
  });
});
