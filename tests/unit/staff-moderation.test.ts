import { describe, expect, it } from 'vitest';
import { can } from '../../src/staff/roles';
import { cmsLink, compareListing, listingNow, listingOf, moveModeration, nextModerationStatuses, noteMaxLength, queueFilters, queueTitle, type Wording } from '../../src/staff/moderation';

describe('moving a moderation item', () => {
  it('marks an item to do as done, with or without a note', () => {
    expect(moveModeration('received', { to: 'done' })).toEqual({ ok: true, status: 'done', note: '' });
    expect(moveModeration('received', { to: 'done', note: '  Listing updated.  ' })).toEqual({ ok: true, status: 'done', note: 'Listing updated.' });
  });

  it('rejects only with a note saying why', () => {
    expect(moveModeration('received', { to: 'rejected' })).toEqual({ ok: false, problem: 'note-missing' });
    expect(moveModeration('received', { to: 'rejected', note: '   ' })).toEqual({ ok: false, problem: 'note-missing' });
    expect(moveModeration('received', { to: 'rejected', note: 'Duplicate of ABCD2345.' })).toEqual({ ok: true, status: 'rejected', note: 'Duplicate of ABCD2345.' });
  });

  it('refuses a note that is too long', () => {
    expect(moveModeration('received', { to: 'rejected', note: 'x'.repeat(noteMaxLength + 1) })).toEqual({ ok: false, problem: 'note-too-long' });
    expect(moveModeration('received', { to: 'rejected', note: 'x'.repeat(noteMaxLength) }).ok).toBe(true);
  });

  it('refuses moves that do not follow: done to rejected, rejected to done, or staying put', () => {
    expect(moveModeration('done', { to: 'rejected', note: 'Oops' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveModeration('rejected', { to: 'done' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveModeration('received', { to: 'received' })).toEqual({ ok: false, problem: 'not-allowed' });
  });

  it('reopens a done or rejected item', () => {
    expect(moveModeration('done', { to: 'received' })).toEqual({ ok: true, status: 'received', note: '' });
    expect(moveModeration('rejected', { to: 'received', note: 'Spoke to them again.' })).toMatchObject({ ok: true, status: 'received' });
    expect(nextModerationStatuses('received')).toEqual(['done', 'rejected']);
    expect(nextModerationStatuses('done')).toEqual(['received']);
  });

  it('refuses statuses it does not know, such as an application’s', () => {
    expect(moveModeration('funded', { to: 'done' })).toEqual({ ok: false, problem: 'unknown-status' });
    expect(moveModeration('received', { to: 'funded' })).toEqual({ ok: false, problem: 'unknown-status' });
  });

  it('is for officers and admins, not the panel', () => {
    expect(can('officer', 'moderation')).toBe(true);
    expect(can('admin', 'moderation')).toBe(true);
    expect(can('panel', 'moderation')).toBe(false);
  });
});

describe('the queue’s filters', () => {
  it('reads a known kind and status and ignores anything else', () => {
    expect(queueFilters(new URLSearchParams('kind=story&status=done'))).toEqual({ kind: 'story', status: 'done' });
    expect(queueFilters(new URLSearchParams('kind=application&status=funded'))).toEqual({ kind: undefined, status: undefined });
    expect(queueFilters(new URLSearchParams(''))).toEqual({ kind: undefined, status: undefined });
  });
});

describe('where an item is dealt with in the CMS', () => {
  it('opens the listing a suggested edit is about', () => {
    expect(cmsLink('suggested-edit', { listing: 'groups/chatteris-community-choir' })).toBe('/admin/#/collections/groups/entries/chatteris-community-choir');
    expect(cmsLink('suggested-edit', { listing: 'assets/march-library' })).toBe('/admin/#/collections/assets/entries/march-library');
  });

  it('has no entry for a suggested edit naming no listing, or a tampered one', () => {
    expect(cmsLink('suggested-edit', { listingName: 'The choir' })).toBeUndefined();
    expect(cmsLink('suggested-edit', { listing: 'funds/../../etc' })).toBeUndefined();
    expect(listingOf({ listing: 'groups/Bad Id' })).toBeUndefined();
  });

  it('has no link for a new listing, a story or an enquiry, which are approved into a draft instead of typed into a blank entry', () => {
    expect(cmsLink('new-listing', { kind: 'group' })).toBeUndefined();
    expect(cmsLink('story', {})).toBeUndefined();
    expect(cmsLink('enquiry', {})).toBeUndefined();
  });
});

describe('a line for the queue', () => {
  it('says what each kind is about, shortened', () => {
    expect(queueTitle('enquiry', { question: 'Can we apply twice?' })).toBe('Can we apply twice?');
    expect(queueTitle('suggested-edit', { listing: 'groups/a', listingName: undefined })).toBe('groups/a');
    expect(queueTitle('suggested-edit', { listingName: 'The choir' })).toBe('The choir');
    expect(queueTitle('new-listing', { name: 'Knit Club' })).toBe('Knit Club');
    expect(queueTitle('story', { title: 'x'.repeat(200) })).toHaveLength(120);
  });
});

describe('a suggested edit beside its listing', () => {
  const wording: Wording = {
    session: (session) => `${session.day} ${session.opens}-${session.closes}`,
    cost: (type) => `cost:${type}`,
    status: (status) => `status:${status}`,
    name: (collection, id) => `${collection}:${id}`,
  };

  it('words a group section by section', () => {
    const now = listingNow({
      collection: 'groups',
      data: {
        name: 'Chatteris Community Choir',
        summary: 'A friendly choir for all.',
        areas: ['chatteris'],
        venue: 'chatteris-hall',
        schedule: [{ day: 'tuesday', opens: '19:00', closes: '21:00', frequency: 'weekly' }],
        scheduleNote: 'Not in August',
        contact: { email: 'choir@example.org', phone: '01632 960 100' },
        cost: { type: 'low-cost', details: '£2 a week' },
        accessibility: ['hearing-loop'],
        status: 'active',
      },
      body: 'We sing everything.\n',
    }, wording);
    expect(now).toEqual({
      name: ['Chatteris Community Choir'],
      description: ['A friendly choir for all.', 'We sing everything.'],
      times: ['tuesday 19:00-21:00', 'Not in August'],
      place: ['assets:chatteris-hall', 'areas:chatteris'],
      contact: ['choir@example.org', '01632 960 100'],
      cost: ['cost:low-cost', '£2 a week'],
      accessibility: ['accessibility:hearing-loop'],
      closed: ['status:active'],
      other: [],
    });
  });

  it('words an asset, whose times are how to use it', () => {
    const now = listingNow({ collection: 'assets', data: { name: 'March Library', summary: 'Books.', area: 'march', howToUse: 'Open Monday to Saturday.', address: { line1: 'City Road', town: 'March', postcode: 'PE15 9LT' }, contact: {} } }, wording);
    expect(now.times).toEqual(['Open Monday to Saturday.']);
    expect(now.place).toEqual(['City Road', 'March', 'PE15 9LT', 'areas:march']);
    expect(now.cost).toEqual([]);
  });

  it('marks exactly the sections the resident said are wrong, in the form’s order', () => {
    const now = listingNow({ collection: 'groups', data: { name: 'Choir' } }, wording);
    const rows = compareListing(now, ['times', 'contact', 'not-a-section', 7]);
    expect(rows.map((row) => row.section)).toEqual(['name', 'description', 'times', 'place', 'contact', 'cost', 'accessibility', 'closed', 'other']);
    expect(rows.filter((row) => row.flagged).map((row) => row.section)).toEqual(['times', 'contact']);
    expect(rows[0]).toEqual({ section: 'name', current: ['Choir'], flagged: false });
    expect(compareListing(now, undefined).some((row) => row.flagged)).toBe(false);
  });
});
