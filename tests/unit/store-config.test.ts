import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../src/store/config';
import { storeLocation } from '../../src/store';

describe('the store’s settings from the environment', () => {
  it('uses the embedded database in ./data, keeps drafts 30 days and allows 10 posts a minute when nothing is set', () => {
    const config = readStoreConfig({});
    expect(config).toMatchObject({ dataDir: './data', draftDays: 30, postsPerMinute: 10, mailMaxAttempts: 8 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(storeLocation(config)).toEqual({ dataDir: './data' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and treats an empty variable as not set', () => {
    const url = 'postgres://hub:secret@db.example.org:5432/hub';
    expect(storeLocation(readStoreConfig({ DATABASE_URL: url }))).toEqual({ databaseUrl: url });
    expect(storeLocation(readStoreConfig({ DATABASE_URL: '' }))).toEqual({ dataDir: './data' });
  });

  it('reads numbers from their text', () => {
    expect(readStoreConfig({ DRAFT_DAYS: '14', POSTS_PER_MINUTE: '3' })).toMatchObject({ draftDays: 14, postsPerMinute: 3 });
  });

  it('refuses a wrong value, naming the variable but not repeating its value', () => {
    expect(() => readStoreConfig({ DRAFT_DAYS: 'a month' })).toThrow(/DRAFT_DAYS/);
    expect(() => readStoreConfig({ POSTS_PER_MINUTE: '0' })).toThrow(/POSTS_PER_MINUTE/);
    expect(() => readStoreConfig({ DATABASE_URL: 'not a url with secret-password' })).toThrow(/^(?!.*secret-password).*DATABASE_URL/);
  });
});
