import { describe, expect, it } from 'vitest';
import { isOpenAt, meetsWithinAWeek, runsOn, type Session, ukClock } from '../../src/rules/schedule';

const weekly = (day: Session['day'], opens: string, closes: string): Session => ({ day, opens, closes, frequency: 'weekly' });
// 8 December 2026 is a Tuesday in winter (UK time is UTC); 9 June 2026 a Tuesday in summer (UTC+1).
const winterTuesday = (time: string) => new Date(`2026-12-08T${time}:00Z`);

describe('the UK clock', () => {
  it('reads the day and time in UK winter time', () => {
    expect(ukClock(winterTuesday('10:15'))).toEqual({ day: 'tuesday', time: '10:15' });
  });

  it('reads British Summer Time an hour ahead of UTC, into the next day near midnight', () => {
    expect(ukClock(new Date('2026-06-09T23:30:00Z'))).toEqual({ day: 'wednesday', time: '00:30' });
  });
});

describe('whether a session runs on a day', () => {
  it('knows a weekly session runs on its day and not on others', () => {
    expect(runsOn(weekly('tuesday', '10:00', '11:00'), 'tuesday')).toBe('yes');
    expect(runsOn(weekly('tuesday', '10:00', '11:00'), 'wednesday')).toBe('no');
  });

  it('cannot say whether a fortnightly or monthly session runs on a given Tuesday, since its weeks are not recorded', () => {
    expect(runsOn({ ...weekly('tuesday', '10:00', '11:00'), frequency: 'fortnightly' }, 'tuesday')).toBe('unknown');
    expect(runsOn({ ...weekly('tuesday', '10:00', '11:00'), frequency: 'monthly' }, 'tuesday')).toBe('unknown');
    expect(runsOn({ ...weekly('tuesday', '10:00', '11:00'), frequency: 'monthly' }, 'friday')).toBe('no');
  });
});

describe('open now', () => {
  const rhymeTime = [weekly('tuesday', '10:00', '10:30')];

  it('is open from the start of a session up to its end', () => {
    expect(isOpenAt(rhymeTime, ukClock(winterTuesday('10:00')))).toBe(true);
    expect(isOpenAt(rhymeTime, ukClock(winterTuesday('10:29')))).toBe(true);
    expect(isOpenAt(rhymeTime, ukClock(winterTuesday('10:30')))).toBe(false);
    expect(isOpenAt(rhymeTime, ukClock(winterTuesday('09:59')))).toBe(false);
  });

  it('is not open at the same time on another day', () => {
    expect(isOpenAt(rhymeTime, ukClock(new Date('2026-12-09T10:15:00Z')))).toBe(false);
  });

  it('uses UK time in summer: 9:15 UTC is 10:15 in the UK', () => {
    expect(isOpenAt(rhymeTime, ukClock(new Date('2026-06-09T09:15:00Z')))).toBe(true);
    expect(isOpenAt(rhymeTime, ukClock(new Date('2026-06-09T10:15:00Z')))).toBe(false);
  });

  it('is never open now for a fortnightly or monthly session, whose dates are not known', () => {
    expect(isOpenAt([{ ...rhymeTime[0], frequency: 'fortnightly' }], ukClock(winterTuesday('10:15')))).toBe(false);
  });

  it('is open if any one of several sessions is running', () => {
    expect(isOpenAt([weekly('monday', '09:00', '12:00'), weekly('tuesday', '14:00', '16:00')], ukClock(winterTuesday('15:00')))).toBe(true);
  });

  it('has nothing open with no sessions', () => {
    expect(isOpenAt([], ukClock(winterTuesday('10:15')))).toBe(false);
  });
});

describe('meets this week (today and the next six days)', () => {
  it('counts a weekly session on any day of the week', () => {
    expect(meetsWithinAWeek([weekly('monday', '09:00', '10:00')], ukClock(winterTuesday('12:00')))).toBe(true);
  });

  it('counts a session later today, but not one that has ended today, whose next meeting is a week away', () => {
    expect(meetsWithinAWeek([weekly('tuesday', '14:00', '15:00')], ukClock(winterTuesday('12:00')))).toBe(true);
    expect(meetsWithinAWeek([weekly('tuesday', '10:00', '10:30')], ukClock(winterTuesday('12:00')))).toBe(false);
  });

  it('does not count a fortnightly or monthly session, which may or may not fall this week', () => {
    expect(meetsWithinAWeek([{ ...weekly('thursday', '12:00', '14:00'), frequency: 'fortnightly' }], ukClock(winterTuesday('12:00')))).toBe(false);
    expect(meetsWithinAWeek([{ ...weekly('thursday', '12:00', '14:00'), frequency: 'monthly' }], ukClock(winterTuesday('12:00')))).toBe(false);
  });
});
