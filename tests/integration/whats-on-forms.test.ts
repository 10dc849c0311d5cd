/**
 * The public forms for What's on (an event or training course, and a volunteering role) through the
 * real form handler into a real store, on PGlite and, when TEST_DATABASE_URL is set, PostgreSQL: what
 * a good post keeps (every answer, for the moderation queue), and that every refused, dropped or
 * invalid post keeps nothing, counted in the database before and after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { whatsOnSubmission } from '../../src/forms/directory-submissions';
import { controlCharactersMessage } from '../../src/forms/answers';
import { type FormOutcome, handleFormPost } from '../../src/forms/handle';
import { translator } from '../../src/i18n';
import { eventSubmissionChecks, eventSubmissionSchema, volunteeringSubmissionChecks, volunteeringSubmissionSchema } from '../../src/schemas/forms/whats-on';
import { closeStore, getStore } from '../../src/store';
import { findModerationItem } from '../../src/store/moderation';
import { outboxEntries } from '../../src/store/outbox';
import { newIdempotencyKey, submit } from '../../src/store/submissions';

const t = translator('en');
const settings = { siteName: 'Community Hub', contact: { email: 'hub@example.org' } };
const choices = { groupIds: ['march-timebank'], assetIds: ['march-library'], areaIds: ['march', 'wisbech'] };
const today = '2027-01-10';

const forms = {
  event: {
    path: '/add-an-event/',
    schema: eventSubmissionSchema(t, choices),
    checks: eventSubmissionChecks(t, today),
    fields: {
      kind: 'training', title: 'Emergency first aid', summary: 'A day of first aid for volunteers who run groups.', description: 'Lunch is provided.',
      group: 'march-timebank', venue: 'march-library', areas: 'march', 'date-day': '20', 'date-month': '1', 'date-year': '2027',
      starts: '09:30', ends: '15:30', repeat: 'monthly-weekday', 'until-day': '', 'until-month': '', 'until-year': '', cost: 'free', costDetails: '',
      booking: 'yes', bookingHow: 'Email to book', bookingUrl: '', forWhom: 'Volunteers who run groups', places: '12',
      publicEmail: 'firstaid@example.org', publicPhone: '', publicWebsite: '', senderName: 'Sam Smith', senderEmail: 'sam@example.org',
    } as Record<string, string>,
  },
  volunteering: {
    path: '/add-a-volunteering-role/',
    schema: volunteeringSubmissionSchema(t, choices),
    checks: volunteeringSubmissionChecks(t, today),
    fields: {
      title: 'Befriender', summary: 'Visit an older neighbour for a chat once a week.', description: '', group: 'march-timebank', venue: '', areas: 'wisbech',
      whatYouDo: 'Visit, listen, and help with letters.', timeAsked: 'An hour a week', skills: 'Patience', dbsCheck: 'enhanced',
      support: 'A morning of training', expenses: '', howToApply: 'Email the coordinator', 'closes-day': '1', 'closes-month': '3', 'closes-year': '2027',
      publicEmail: '', publicPhone: '01632 960456', publicWebsite: '', senderName: 'Alex Jones', senderEmail: 'alex@example.org',
    } as Record<string, string>,
  },
} as const;
type Kind = keyof typeof forms;

/** A post as a browser on our page sends it; `change` alters the request. */
function post(kind: Kind, fields: Record<string, string>, change: { headers?: Record<string, string>; body?: BodyInit; clientAddress?: string } = {}) {
  const body = new URLSearchParams({ attempt: newIdempotencyKey(), ...fields });
  const headers = { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', ...change.headers };
  return { request: new Request(`http://localhost${forms[kind].path}`, { method: 'POST', body: change.body ?? body, headers }), clientAddress: change.clientAddress ?? '127.0.0.1' };
}

let saves = 0;
function send(kind: Kind, astro: ReturnType<typeof post>): Promise<FormOutcome> {
  const { schema, checks } = forms[kind];
  return handleFormPost(astro, schema, async (answers, key) => {
    saves++;
    return submit(await getStore(), whatsOnSubmission(kind, answers, key, { t, settings }));
  }, { checks });
}

/** What the store holds: every submission and every email waiting to go. */
async function kept(): Promise<{ submissions: number; emails: number }> {
  const store = await getStore();
  const [{ count: submissions }] = await store.query<{ count: number }>('SELECT count(*)::int AS count FROM submissions');
  const [{ count: emails }] = await store.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox');
  return { submissions: submissions!, emails: emails! };
}

const postgresUrl = process.env.TEST_DATABASE_URL;
const databases = [
  { name: 'PGlite', skip: undefined as string | undefined },
  { name: 'PostgreSQL', skip: postgresUrl ? undefined : 'set TEST_DATABASE_URL to run against PostgreSQL' },
];

describe.each(databases)('the What’s on forms on $name', ({ name, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const schemaName = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  beforeAll(async () => {
    await closeStore();
    process.env.POSTS_PER_MINUTE = '1000';
    if (name === 'PostgreSQL') {
      await admin(`CREATE SCHEMA ${schemaName}`);
      const url = new URL(postgresUrl!);
      url.searchParams.set('options', `-c search_path=${schemaName}`);
      process.env.DATABASE_URL = url.toString();
    } else {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = 'memory://';
    }
    await getStore();
  }, 120_000);
  afterEach(() => {
    saves = 0;
    vi.useRealTimers();
    process.env.POSTS_PER_MINUTE = '1000';
  });
  afterAll(async () => {
    await closeStore();
    delete process.env.DATABASE_URL;
    if (name === 'PostgreSQL') await admin(`DROP SCHEMA ${schemaName} CASCADE`);
  });

  it('an event reaches the moderation queue with every answer, and the sender and staff are emailed', async () => {
    const outcome = await send('event', post('event', forms.event.fields));
    if (outcome.state !== 'sent') throw new Error(JSON.stringify(outcome));
    const item = await findModerationItem(await getStore(), outcome.reference);
    expect(item).toMatchObject({ kind: 'event', status: 'received', areaId: 'march' });
    expect(item!.answers).toEqual({
      kind: 'training', title: 'Emergency first aid', summary: 'A day of first aid for volunteers who run groups.', description: 'Lunch is provided.',
      group: 'march-timebank', venue: 'march-library', areas: ['march'], date: '2027-01-20', allDay: false, starts: '09:30', ends: '15:30',
      repeat: 'monthly-weekday', cost: 'free', booking: 'yes', bookingHow: 'Email to book', forWhom: 'Volunteers who run groups', places: 12,
      publicEmail: 'firstaid@example.org', senderName: 'Sam Smith', senderEmail: 'sam@example.org',
    });
    expect((await outboxEntries(await getStore(), item!.id)).map((message) => [message.purpose, message.to])).toEqual([['applicant-confirmation', 'sam@example.org'], ['staff-alert', 'hub@example.org']]);
  });

  it('a volunteering role reaches the moderation queue with every answer', async () => {
    const outcome = await send('volunteering', post('volunteering', forms.volunteering.fields));
    if (outcome.state !== 'sent') throw new Error(JSON.stringify(outcome));
    const item = await findModerationItem(await getStore(), outcome.reference);
    expect(item).toMatchObject({ kind: 'volunteering', areaId: 'wisbech' });
    expect(item!.answers).toEqual({
      title: 'Befriender', summary: 'Visit an older neighbour for a chat once a week.', group: 'march-timebank', areas: ['wisbech'],
      whatYouDo: 'Visit, listen, and help with letters.', timeAsked: 'An hour a week', skills: 'Patience', dbsCheck: 'enhanced',
      support: 'A morning of training', howToApply: 'Email the coordinator', closes: '2027-03-01', publicPhone: '01632 960456',
      senderName: 'Alex Jones', senderEmail: 'alex@example.org',
    });
  });

  describe.each(['event', 'volunteering'] as const)('a %s post that is refused, dropped or invalid keeps nothing', (kind) => {
    const fields = forms[kind].fields;
    it('a filled honeypot gets an ordinary "sent" reply', async () => {
      const before = await kept();
      expect(await send(kind, post(kind, { ...fields, website: 'http://spam.example.com' }))).toMatchObject({ state: 'sent', repeated: false });
      expect(saves).toBe(0);
      expect(await kept()).toEqual(before);
    });

    it.each([
      ['403, a post from another site', { headers: { origin: 'https://evil.example.com' } }, 403],
      ['415, a post of another type', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }, 415],
      ['400, a post without the form’s attempt key', { body: new URLSearchParams(fields) }, 400],
      ['413, a post over the size limit', { body: new URLSearchParams({ attempt: newIdempotencyKey(), ...fields, summary: 'x'.repeat(200 * 1024) }) }, 413],
    ] as const)('%s', async (_name, change, status) => {
      const before = await kept();
      const outcome = await send(kind, post(kind, fields, change));
      expect(outcome.state === 'refused' && outcome.refusal.status).toBe(status);
      expect(saves).toBe(0);
      expect(await kept()).toEqual(before);
    });

    it('429, more posts in a minute than allowed', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      process.env.POSTS_PER_MINUTE = '1';
      const client = `192.0.2.${kind === 'event' ? 1 : 2}${name === 'PGlite' ? 0 : 1}`;
      const before = await kept();
      expect((await send(kind, post(kind, { ...fields, title: '' }, { clientAddress: client }))).state).toBe('invalid');
      const outcome = await send(kind, post(kind, fields, { clientAddress: client }));
      expect(outcome.state === 'refused' && outcome.refusal.status).toBe(429);
      expect(saves).toBe(0);
      expect(await kept()).toEqual(before);
    });

    it('answers with a problem are shown again as typed, with the problem against its question', async () => {
      const before = await kept();
      const outcome = await send(kind, post(kind, { ...fields, title: 'Tea\u0000 morning', areas: '' }));
      expect(outcome.state).toBe('invalid');
      if (outcome.state !== 'invalid') return;
      expect(outcome.errors).toEqual(expect.arrayContaining([{ field: 'title', message: controlCharactersMessage }, { field: 'areas', message: t('whatsOnForm.areas.missing') }]));
      expect(outcome.fields).toMatchObject({ title: 'Tea morning', summary: fields.summary, senderEmail: fields.senderEmail });
      expect(saves).toBe(0);
      expect(await kept()).toEqual(before);
    });
  });
});
