/**
 * Approving moderation items into CMS drafts in a real git repository (as decap-server's git mode
 * keeps them), and the senders told once a publish contains their entry, on PGlite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content-model/check';
import { currentTime } from '../../src/rules/clock';
import { translator } from '../../src/i18n';
import { approveIntoCms, contentRepository } from '../../src/moderation/approve';
import { localGitRepository } from '../../src/moderation/local-git';
import { announcePublished } from '../../src/moderation/published';
import type { Store } from '../../src/store';
import { changeModerationStatus, findModerationItem } from '../../src/store/moderation';
import { outboxEntries } from '../../src/store/outbox';
import { addAccount, auditTrail, type Actor } from '../../src/store/staff';
import { newIdempotencyKey, submit, type NewSubmission } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';

const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const wording = { t: translator('en-GB'), siteName: 'Fenland Community Hub', siteUrl: 'https://hub.example.org' };

/** A repository holding the demo content on `main`, as a council's content repository would. */
function demoRepository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-approve-'));
  git(repo, 'init', '-q', '-b', 'main');
  fs.cpSync('content', path.join(repo, 'content'), { recursive: true });
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'Content');
  return repo;
}

/** What decap-server does when an editor publishes a draft: merge the branch into main and delete it. */
function publish(repo: string, branch: string): string {
  git(repo, '-c', 'user.name=Editor', '-c', 'user.email=editor@example.org', 'merge', '-q', '--no-ff', '-m', `Publish ${branch}`, branch);
  git(repo, 'branch', '-D', branch);
  return git(repo, 'rev-parse', 'HEAD');
}

/** The release a publisher would build from: the commit's files exported to a folder. */
function exportCommit(repo: string, commit: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-release-'));
  execFileSync('sh', ['-c', `git -C "${repo}" archive ${commit} content | tar -x -C "${dir}"`]);
  return dir;
}

const item = (kind: NewSubmission['kind'], answers: Record<string, unknown>, extra: Partial<NewSubmission> = {}): NewSubmission => ({ idempotencyKey: newIdempotencyKey(), kind, answers, ...extra });

describe.each(testDatabases)('approving into the CMS on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: Actor;
  let repo: string;
  beforeAll(async () => {
    store = await open();
    officer = { account: await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, { commandLine: true }) };
    repo = demoRepository();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('opens a story with its photo as a draft in review, and emails the sender the page once it is published', async () => {
    // A real 1×1 PNG.
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const { reference } = await submit(store, item('story', {
      title: 'Bulb planting on the Brinks',
      story: 'Twenty neighbours planted 2,000 bulbs along the river. {Everyone} brought a trowel <and> a flask.',
      area: 'wisbech', groups: 'Wisbech Health Walks', groupIds: ['wisbech-health-walks'], photoAlt: 'Volunteers planting bulbs by the river',
      consent: 'yes', name: 'Jo Bloggs', email: 'jo@example.org',
    }, { areaId: 'wisbech', attachments: [{ fileName: 'bulbs.png', fileType: 'png', content: photo }] }));
    const story = (await findModerationItem(store, reference))!;
    const approval = await approveIntoCms(store, story, localGitRepository({ repo, branch: 'main' }), officer, new Date('2026-12-06T10:00:00Z'));
    expect(approval).toMatchObject({ ok: true, draft: { branch: 'cms/stories/bulb-planting-on-the-brinks', path: 'content/stories/bulb-planting-on-the-brinks.mdx' } });

    // Decap's git mode finds it as an entry in review, on its own branch, with the story and the photo.
    expect(git(repo, 'config', 'branch.cms/stories/bulb-planting-on-the-brinks.description')).toBe('decap-cms/pending_review');
    expect(git(repo, 'branch', '--show-current')).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const file = git(repo, 'show', 'cms/stories/bulb-planting-on-the-brinks:content/stories/bulb-planting-on-the-brinks.mdx');
    expect(file).toContain('title: Bulb planting on the Brinks');
    expect(file).toContain('author: Jo\n');
    expect(file).toContain('src: /uploads/bulb-planting-on-the-brinks.png');
    expect(file).toContain('alt: Volunteers planting bulbs by the river');
    expect(file).toContain('\\{Everyone\\} brought a trowel \\<and\\> a flask.');
    // The photo as sent, re-encoded without its metadata; nothing personal in the file or the history.
    const published = execFileSync('git', ['show', 'cms/stories/bulb-planting-on-the-brinks:public/uploads/bulb-planting-on-the-brinks.png'], { cwd: repo });
    expect(await sharp(published).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
    expect(file).not.toMatch(/Bloggs|jo@example\.org/);
    expect(git(repo, 'log', '-1', '--format=%B', 'cms/stories/bulb-planting-on-the-brinks')).not.toMatch(/@example\.org/);
    expect((await findModerationItem(store, reference))?.status).toBe('in-cms');

    // Not yet published: nobody is told.
    expect(await announcePublished(store, { commit: git(repo, 'rev-parse', 'main'), sourceDir: exportCommit(repo, 'main') }, wording)).toBe(0);
    const commit = publish(repo, 'cms/stories/bulb-planting-on-the-brinks');
    expect(await announcePublished(store, { commit, sourceDir: exportCommit(repo, commit) }, wording)).toBe(1);
    const done = (await findModerationItem(store, reference))!;
    expect(done.status).toBe('done');
    const email = (await outboxEntries(store, done.id)).find((entry) => entry.purpose === 'moderation-outcome');
    expect(email).toMatchObject({ to: 'jo@example.org' });
    expect(email?.text).toContain('https://hub.example.org/stories/bulb-planting-on-the-brinks/');
    // A second look after the next publish tells nobody twice.
    expect(await announcePublished(store, { commit, sourceDir: exportCommit(repo, commit) }, wording)).toBe(0);
  });

  it('opens a new listing with each answer in its field and what fits none as a note', async () => {
    const { reference } = await submit(store, item('new-listing', {
      kind: 'group', name: 'Whittlesey Knit and Natter', summary: 'A friendly knitting group for all abilities, with tea.', area: 'whittlesey',
      categories: ['arts-and-crafts'], when: 'Thursdays 2pm to 4pm', where: 'The back room of the Falcon', publicPhone: '01632-960 321',
      senderName: 'Sam', senderEmail: 'sam@example.org', agreed: 'yes',
    }, { areaId: 'whittlesey' }));
    const approval = await approveIntoCms(store, (await findModerationItem(store, reference))!, localGitRepository({ repo, branch: 'main' }), officer, new Date('2026-12-06T10:00:00Z'));
    expect(approval).toMatchObject({ ok: true, draft: { branch: 'cms/groups/whittlesey-knit-and-natter' } });
    const file = git(repo, 'show', 'cms/groups/whittlesey-knit-and-natter:content/groups/whittlesey-knit-and-natter.md');
    expect(file).toContain('scheduleNote: Thursdays 2pm to 4pm');
    expect(file).toContain('phone: 01632 960 321');
    expect(file).toContain('lastReviewed: 2026-12-06');
    expect(file).toMatch(/editorNote: .*The back room of the Falcon/);
    expect(file).not.toContain('sam@example.org');
  });

  it('opens an event and a volunteering role from the public forms as drafts that pass the content check once published, and tells each sender their page', async () => {
    const repository = localGitRepository({ repo, branch: 'main' });
    const { reference: eventReference } = await submit(store, item('event', {
      kind: 'event', title: 'Riverside litter pick', summary: 'Help keep the riverbank tidy, with gloves and pickers provided.', description: 'Meet by the <b>bandstand</b>.',
      group: 'wisbech-health-walks', addressLine1: 'The Brinks', addressTown: 'Wisbech', addressPostcode: 'pe13 1aa', areas: ['wisbech'], date: '2027-03-06',
      allDay: false, starts: '10:00', ends: '12:00', repeat: 'monthly-weekday', until: '2027-09-30', cost: 'free', booking: 'no',
      publicEmail: 'litter@example.org', senderName: 'Jo Bloggs', senderEmail: 'jo.events@example.org',
    }, { areaId: 'wisbech' }));
    const { reference: roleReference } = await submit(store, item('volunteering', {
      title: 'Litter pick leader', summary: 'Lead a small team on the monthly riverside litter pick.', group: 'wisbech-health-walks', areas: ['wisbech'],
      whatYouDo: 'Welcome volunteers, hand out kit and keep everyone safe.', timeAsked: 'Two hours a month', skills: 'A friendly manner', dbsCheck: 'not-needed',
      support: 'A short safety briefing', howToApply: 'Email the coordinator', senderName: 'Jo Bloggs', senderEmail: 'jo.roles@example.org',
    }, { areaId: 'wisbech' }));
    const at = new Date('2026-12-06T10:00:00Z');
    expect(await approveIntoCms(store, (await findModerationItem(store, eventReference))!, repository, officer, at)).toMatchObject({ ok: true, draft: { collection: 'events', branch: 'cms/events/riverside-litter-pick', path: 'content/events/riverside-litter-pick.md' } });
    expect(await approveIntoCms(store, (await findModerationItem(store, roleReference))!, repository, officer, at)).toMatchObject({ ok: true, draft: { collection: 'volunteering', branch: 'cms/volunteering/litter-pick-leader' } });
    const event = git(repo, 'show', 'cms/events/riverside-litter-pick:content/events/riverside-litter-pick.md');
    expect(event).toContain('postcode: PE13 1AA');
    expect(event).toContain('monthlyOn: weekday');
    expect(event).not.toContain('jo.events@example.org');

    publish(repo, 'cms/events/riverside-litter-pick');
    const commit = publish(repo, 'cms/volunteering/litter-pick-leader');
    const release = exportCommit(repo, commit);
    // The whole content, references and all, as the build checks it.
    expect(checkContent(path.join(release, 'content')).problems).toEqual([]);
    expect(await announcePublished(store, { commit, sourceDir: release }, wording)).toBe(2);
    const told = async (reference: string) => {
      const done = (await findModerationItem(store, reference))!;
      expect(done.status).toBe('done');
      return (await outboxEntries(store, done.id)).find((entry) => entry.purpose === 'moderation-outcome')?.text;
    };
    expect(await told(eventReference)).toContain('https://hub.example.org/whats-on/riverside-litter-pick/');
    expect(await told(roleReference)).toContain('https://hub.example.org/volunteer/litter-pick-leader/');
  });

  it('opens a suggested edit as the listing with the suggestion applied, and tells the sender once the change is live', async () => {
    const { reference } = await submit(store, item('suggested-edit', {
      listing: 'groups/wisbech-health-walks', problems: ['contact'], correction: 'The new number is 01632 960555 and email walks@example.org', email: 'kim@example.org',
    }));
    const approval = await approveIntoCms(store, (await findModerationItem(store, reference))!, localGitRepository({ repo, branch: 'main' }), officer);
    expect(approval).toMatchObject({ ok: true, draft: { branch: 'cms/groups/wisbech-health-walks' } });
    const diff = git(repo, 'diff', 'main', 'cms/groups/wisbech-health-walks');
    expect(diff).toContain('+  phone: 01632 960555');
    expect(diff).toContain('+  email: walks@example.org');
    expect(diff).toMatch(/\+editorNote: "Suggested edit \w+ \(contact\): The new number is 01632 960555/);
    const commit = publish(repo, 'cms/groups/wisbech-health-walks');
    expect(await announcePublished(store, { commit, sourceDir: exportCommit(repo, commit) }, wording)).toBe(1);
    const done = (await findModerationItem(store, reference))!;
    expect((await outboxEntries(store, done.id)).find((entry) => entry.purpose === 'moderation-outcome')?.text).toContain('https://hub.example.org/groups/wisbech-health-walks/');
  });

  it('keeps the item to do and says why when the repository cannot take the draft', async () => {
    const { reference } = await submit(store, item('story', { title: 'Bulb planting on the Brinks', story: 'Again, the same title.', area: 'wisbech', consent: 'yes', name: 'Al', email: 'al@example.org' }));
    const missing = localGitRepository({ repo, branch: 'no-such-branch' });
    const refused = await approveIntoCms(store, (await findModerationItem(store, reference))!, missing, officer);
    expect(refused).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringContaining('no-such-branch') });
    const still = (await findModerationItem(store, reference))!;
    expect(still.status).toBe('received');
    expect(await auditTrail(store, 'submission', still.id)).toEqual([]);
    // Approved for real, a second story of the same title gets a file of its own.
    expect(await approveIntoCms(store, still, localGitRepository({ repo, branch: 'main' }), officer)).toMatchObject({ ok: true, draft: { slug: 'bulb-planting-on-the-brinks-2' } });
    // A third, while the second is still only a draft, takes the next free name rather than being refused.
    const { reference: third } = await submit(store, item('story', { title: 'Bulb planting on the Brinks', story: 'And again.', area: 'wisbech', consent: 'yes', name: 'Bo', email: 'bo@example.org' }));
    expect(await approveIntoCms(store, (await findModerationItem(store, third))!, localGitRepository({ repo, branch: 'main' }), officer)).toMatchObject({ ok: true, draft: { slug: 'bulb-planting-on-the-brinks-3' } });
    // Approving it again (a form posted twice) opens nothing more.
    expect(await approveIntoCms(store, (await findModerationItem(store, third))!, localGitRepository({ repo, branch: 'main' }), officer)).toEqual({ ok: false, problem: 'moved' });
    expect(git(repo, 'branch', '--list', 'cms/stories/bulb-planting-on-the-brinks-4')).toBe('');
  });

  it('emails the sender the note when an item is rejected', async () => {
    const { reference } = await submit(store, item('new-listing', { kind: 'group', name: 'Not a real group', senderName: 'Lee', senderEmail: 'lee@example.org', agreed: 'yes' }));
    const reject = (entry: { kind: string; reference: string; answers: Record<string, unknown> }, moved: { status: string; note: string }) =>
      moved.status === 'rejected' ? [{ purpose: 'moderation-outcome' as const, to: String(entry.answers.senderEmail), subject: entry.reference, text: moved.note }] : [];
    expect(await changeModerationStatus(store, reference, { to: 'rejected', note: 'It is a business, not a community group.' }, officer, currentTime(), reject)).toEqual({ ok: true, status: 'rejected' });
    const rejected = (await findModerationItem(store, reference))!;
    expect(await outboxEntries(store, rejected.id)).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'lee@example.org', text: 'It is a business, not a community group.' })]));
  });
});

describe('the repository approvals write to', () => {
  it('is the git host with a token, the local repository without one, and none where neither is set up', async () => {
    expect(contentRepository({ CMS_TOKEN: 'secret', CMS_BACKEND: 'gitlab', CMS_REPO: 'council/hub' })?.description).toMatch(/GitLab/);
    const unusable = contentRepository({ CMS_TOKEN: 'secret', CMS_BACKEND: 'svn', CMS_REPO: 'council/hub' });
    await expect(unusable!.openDraft({ collection: 'stories', slug: 'x', files: [], title: 'x', description: '' })).rejects.toThrow(/svn/);
    expect(contentRepository({ CMS_REPO_DIR: '.' })?.description).toMatch(/git repository/);
    expect(contentRepository({ CMS_REPO_DIR: os.tmpdir() })).toBeUndefined();
  });
});
