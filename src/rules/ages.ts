/**
 * "Suitable for age N": a listing welcomes an age inside its range, and a listing with no limits
 * welcomes every age. The age comes from an address, so it is read carefully: a whole number from
 * 0 to 120, or a reason it is not one.
 */

/** A listing's age range; either end may be open. */
export interface AgeRange {
  min?: number;
  max?: number;
}

/** Whether a listing with this age range welcomes someone of this age. */
export function welcomesAge(range: AgeRange | undefined, age: number): boolean {
  return (range?.min === undefined || age >= range.min) && (range?.max === undefined || age <= range.max);
}

export const oldestAge = 120;

/** The age typed, trimmed: nothing (no filter), an age, or why it is not one ("whole": not a whole number; "range": not 0 to 120). */
export function readAge(typed: string | null | undefined): { age?: number; problem?: 'whole' | 'range' } {
  const text = (typed ?? '').trim();
  if (!text) return {};
  if (!/^[+-]?\d+$/.test(text)) return { problem: 'whole' };
  const age = Number(text);
  return age < 0 || age > oldestAge ? { problem: 'range' } : { age };
}
