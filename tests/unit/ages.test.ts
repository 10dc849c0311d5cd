import { describe, expect, it } from 'vitest';
import { readAge, welcomesAge } from '../../src/rules/ages';

describe('suitable for an age', () => {
  it('welcomes ages inside the range, including both ends', () => {
    expect(welcomesAge({ min: 0, max: 4 }, 0)).toBe(true);
    expect(welcomesAge({ min: 0, max: 4 }, 4)).toBe(true);
    expect(welcomesAge({ min: 0, max: 4 }, 5)).toBe(false);
  });

  it('leaves an open end open: "16 and over" welcomes 90, "up to 4" welcomes a baby', () => {
    expect(welcomesAge({ min: 16 }, 90)).toBe(true);
    expect(welcomesAge({ min: 16 }, 15)).toBe(false);
    expect(welcomesAge({ max: 4 }, 0)).toBe(true);
  });

  it('welcomes every age where there are no limits', () => {
    expect(welcomesAge({}, 7)).toBe(true);
    expect(welcomesAge(undefined, 120)).toBe(true);
  });
});

describe('reading the age typed', () => {
  it('reads a whole number from 0 to 120, spaces trimmed', () => {
    expect(readAge(' 7 ')).toEqual({ age: 7 });
    expect(readAge('0')).toEqual({ age: 0 });
    expect(readAge('120')).toEqual({ age: 120 });
  });

  it('takes nothing typed as no filter', () => {
    expect(readAge('')).toEqual({});
    expect(readAge('  ')).toEqual({});
    expect(readAge(null)).toEqual({});
  });

  it('says when it is not a whole number', () => {
    for (const typed of ['four', '4.5', '4 years', '1e2']) expect(readAge(typed)).toEqual({ problem: 'whole' });
  });

  it('says when it is outside 0 to 120', () => {
    expect(readAge('121')).toEqual({ problem: 'range' });
    expect(readAge('-1')).toEqual({ problem: 'range' });
  });
});
