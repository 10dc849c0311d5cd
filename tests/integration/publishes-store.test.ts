import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { lastPublished, recentPublishes, recordInterrupted, recordPublishFinished, recordPublishStarted } from '../../src/publishing/store';
import { testDatabases } from '../support/databases';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 23, 9, minute, second));
const commit = (letter: string) => letter.repeat(40);

describe.each(testDatabases)('the record of publishes, on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  beforeAll(async () => {
    store = await open();
    const first = await recordPublishStarted(store, { commit: commit('a'), commitSubject: 'Demo content', branch: 'main', release: 'r-a' }, at(1));
    await recordPublishFinished(store, first, { result: 'published' }, at(1, 21));
    const broken = await recordPublishStarted(store, { commit: commit('b'), commitSubject: 'Update Groups “benwick”', branch: 'main', release: 'r-b' }, at(5));
    await recordPublishFinished(store, broken, { result: 'failed', stage: 'check', problems: [{ file: 'content/groups/benwick.md', field: 'summary', message: 'is required' }] }, at(5, 4));
    await recordPublishStarted(store, { commit: commit('c'), commitSubject: 'Fix Benwick', branch: 'main', release: 'r-c' }, at(9));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('lists the newest first, with how long each took and the problems of a failed one', async () => {
    const publishes = await recentPublishes(store);
    expect(publishes.map((p) => [p.commitSubject, p.result, p.durationMs, p.stage])).toEqual([
      ['Fix Benwick', 'running', null, null],
      ['Update Groups “benwick”', 'failed', 4000, 'check'],
      ['Demo content', 'published', 21000, null],
    ]);
    expect(publishes[1]!.problems).toEqual([{ file: 'content/groups/benwick.md', field: 'summary', message: 'is required' }]);
    expect(publishes[2]!.startedAt).toEqual(at(1));
  });

  it('knows what is live: the last publish that went live, not the last that failed', async () => {
    expect((await lastPublished(store))?.commit).toBe(commit('a'));
  });

  it('closes a publish that a stopped server left running, once', async () => {
    expect(await recordInterrupted(store, at(12))).toBe(1);
    expect(await recordInterrupted(store, at(13))).toBe(0);
    expect((await recentPublishes(store, 1))[0]).toMatchObject({ result: 'interrupted', finishedAt: at(12), durationMs: null });
  });
});
