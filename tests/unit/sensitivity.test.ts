import { describe, expect, it } from 'vitest';
import { type CategoryFlags, isSensitive } from '../../src/rules/sensitivity';

const categories = new Map<string, CategoryFlags>([
  ['safety-and-support', { sensitive: false }],
  ['domestic-abuse', { sensitive: true, parent: 'safety-and-support' }],
  ['community-safety', { sensitive: false, parent: 'safety-and-support' }],
  ['sexual-violence', { sensitive: true }],
  ['rape-crisis', { sensitive: false, parent: 'sexual-violence' }],
  ['walking', { sensitive: false }],
]);

describe('whether a page offers a quick exit', () => {
  it('does for a listing marked sensitive, whatever its categories', () => {
    expect(isSensitive({ sensitive: true, categories: ['walking'] }, categories)).toBe(true);
  });

  it('does for a listing in a sensitive category among others', () => {
    expect(isSensitive({ sensitive: false, categories: ['walking', 'domestic-abuse'] }, categories)).toBe(true);
  });

  it('does for a listing whose category’s parent is sensitive', () => {
    expect(isSensitive({ categories: ['rape-crisis'] }, categories)).toBe(true);
  });

  it('does not for a listing whose sibling category is sensitive but its own is not', () => {
    expect(isSensitive({ categories: ['community-safety'] }, categories)).toBe(false);
  });

  it('does not for an ordinary listing or an unknown category', () => {
    expect(isSensitive({ sensitive: false, categories: ['walking'] }, categories)).toBe(false);
    expect(isSensitive({ categories: ['no-such-category'] }, categories)).toBe(false);
  });

  it('does for a sensitive category page and its subcategories, not for an ordinary one', () => {
    expect(isSensitive({ categories: ['domestic-abuse'] }, categories)).toBe(true);
    expect(isSensitive({ categories: ['rape-crisis'] }, categories)).toBe(true);
    expect(isSensitive({ categories: ['safety-and-support'] }, categories)).toBe(false);
  });
});
