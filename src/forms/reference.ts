/**
 * The reference a sender is given for their submission, to quote on the phone or in an email.
 * Read aloud or copied by hand, so the alphabet leaves out characters that look or sound alike
 * (0/O, 1/I/L, U/V) and the case does not matter.
 */
import { randomInt } from 'node:crypto';

export const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const referenceLength = 8;

/** A new random reference: 8 characters from `referenceAlphabet` (29^8, about 5 × 10^11 of them). */
export function newReference(): string {
  let reference = '';
  for (let i = 0; i < referenceLength; i++) reference += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return reference;
}

/** A reference as someone typed it ("abcd efgh", "ABCD-EFGH") in its stored form, or undefined if it cannot be one. */
export function normaliseReference(typed: string): string | undefined {
  const reference = typed.toUpperCase().replace(/[\s-]/g, '');
  if (reference.length !== referenceLength) return undefined;
  return [...reference].every((character) => referenceAlphabet.includes(character)) ? reference : undefined;
}
