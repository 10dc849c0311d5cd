import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/rules/dates';

describe('formatTime', () => {
  it.each([
    ['14:00', '2pm'],
    ['09:30', '9:30am'],
    ['10:05', '10:05am'],
    ['12:00', 'midday'],
    ['12:30', '12:30pm'],
    ['00:00', 'midnight'],
    ['00:15', '12:15am'],
    ['23:45', '11:45pm'],
  ])('writes %s as %s, as GOV.UK does', (time, written) => {
    expect(formatTime(time)).toBe(written);
  });
});
