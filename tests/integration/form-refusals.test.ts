/**
 * What a refused or dropped post leaves behind: nothing. Each post goes through the real form handler
 * into a real (in-memory PGlite) store, and the test counts what the store then holds, so a handler
 * that answered the right status but kept the answers anyway would fail here. Also: the same answers
 * on the same day are one submission, and on another day a new one.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { suggestedEditSubmission } from '../../src/forms/directory-submissions';
import { type FormOutcome, handleFormPost } from '../../src/forms/handle';
import { translator } from '../../src/i18n';
import { suggestedEditSchema } from '../../src/schemas/forms/suggested-edit';
import { closeStore, getStore } from '../../src/store';
import { newIdempotencyKey, submit } from '../../src/store/submissions';

const t = translator('en');
const settings = { siteName: 'Community Hub', contact: { email: 'hub@example.org' } };
const schema = suggestedEditSchema(t, 'groups/march-mens-shed');
const answers = { listing: 'groups/march-mens-shed', problems: 'times', correction: 'Now Thursdays.', email: 'sam@example.org' };
const day = 86_400_000;

/** A post as a browser on our page sends it, with a fresh attempt key; `change` alters the request. */
function post(fields: Record<string, string>, change: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const body = new URLSearchParams({ attempt: newIdempotencyKey(), ...fields });
  const headers = { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', ...change.headers };
  return { request: new Request('http://localhost/suggest-an-edit/', { method: 'POST', body: change.body ?? body, headers }), clientAddress: '127.0.0.1' };
}

let saves = 0;
const send = (astro: ReturnType<typeof post>): Promise<FormOutcome> =>
  handleFormPost(astro, schema, async (checked, key) => {
    saves++;
    return submit(await getStore(), suggestedEditSubmission(checked, key, { t, settings }, 'march'));
  });

/** What the store holds: every submission and every email waiting to go. */
async function kept(): Promise<{ submissions: number; emails: number }> {
  const store = await getStore();
  const [{ count: submissions }] = await store.query<{ count: number }>('SELECT count(*)::int AS count FROM submissions');
  const [{ count: emails }] = await store.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox');
  return { submissions: submissions!, emails: emails! };
}

beforeAll(() => {
  process.env.DATA_DIR = 'memory://';
  process.env.POSTS_PER_MINUTE = '1000';
});
beforeEach(() => {
  saves = 0;
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(closeStore);

describe('a post that is refused or dropped keeps nothing', () => {
  it('a filled honeypot gets an ordinary "sent" reply, and nothing is stored or emailed', async () => {
    const before = await kept();
    const outcome = await send(post({ ...answers, website: 'http://spam.example.com' }));
    expect(outcome).toMatchObject({ state: 'sent', repeated: false });
    expect(saves).toBe(0);
    expect(await kept()).toEqual(before);
  });

  it.each([
    ['403, a post from another site', { headers: { origin: 'https://evil.example.com' } }, 403],
    ['415, a post of another type', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(answers) }, 415],
    ['400, a post without the form’s attempt key', { body: new URLSearchParams(answers) }, 400],
    ['413, a post over the size limit', { body: new URLSearchParams({ attempt: newIdempotencyKey(), ...answers, correction: 'x'.repeat(200 * 1024) }) }, 413],
  ] as const)('%s, is refused with that status and nothing is stored', async (_name, change, status) => {
    const before = await kept();
    const outcome = await send(post(answers, change));
    expect(outcome.state === 'refused' && outcome.refusal.status).toBe(status);
    expect(saves).toBe(0);
    expect(await kept()).toEqual(before);
  });

  it('the same answers are stored when nothing is wrong with the post (so the counts above can change)', async () => {
    const before = await kept();
    const outcome = await send(post({ ...answers, correction: 'A control: this one is kept.' }));
    expect(outcome.state).toBe('sent');
    expect(await kept()).toEqual({ submissions: before.submissions + 1, emails: before.emails + 2 });
  });
});

describe('the same answers on the same day are one submission', () => {
  it('sent twice on one day they are kept once, and sent again a week later they are a new submission', async () => {
    const fields = { ...answers, correction: 'Now on Fridays, from the spring.' };
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = await send(post(fields));
    const again = await send(post(fields));
    expect(first).toMatchObject({ state: 'sent', repeated: false });
    expect(again).toMatchObject({ state: 'sent', repeated: true, reference: first.state === 'sent' ? first.reference : '' });
    const before = await kept();

    vi.setSystemTime(Date.now() + 7 * day);
    const nextWeek = await send(post(fields));
    expect(nextWeek).toMatchObject({ state: 'sent', repeated: false });
    expect(nextWeek.state === 'sent' && nextWeek.reference).not.toBe(first.state === 'sent' && first.reference);
    expect((await kept()).submissions).toBe(before.submissions + 1);
  });
});
