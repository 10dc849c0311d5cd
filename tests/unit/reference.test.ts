import { describe, expect, it } from 'vitest';
import { newReference, normaliseReference, referenceAlphabet } from '../../src/forms/reference';

describe('a submission’s reference', () => {
  it('is 8 characters from the alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
  });

  it('never uses characters that are easily confused when read or typed', () => {
    for (const confusing of ['0', 'O', '1', 'I', 'L', 'U', 'V']) expect(referenceAlphabet).not.toContain(confusing);
  });

  it('is random: a thousand new references are all different', () => {
    const references = new Set(Array.from({ length: 1000 }, newReference));
    expect(references.size).toBe(1000);
  });

  it('uses every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, newReference).join(''));
    expect(seen.size).toBe(referenceAlphabet.length);
  });

  it('is found again however the resident types it', () => {
    expect(normaliseReference('abcd efgh')).toBe('ABCDEFGH');
    expect(normaliseReference(' ABCD-EFGH ')).toBe('ABCDEFGH');
    expect(normaliseReference('ABCDEFG')).toBeUndefined();
    expect(normaliseReference('ABCDEFG0')).toBeUndefined();
  });
});
