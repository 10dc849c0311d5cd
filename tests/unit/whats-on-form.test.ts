/** The public forms for What's on: an event or training course, and a volunteering role, from the answers a resident types to the draft an approval makes, which the collection's own schema must accept. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAnswers } from '../../src/forms/answers';
import { translator } from '../../src/i18n';
import { entryPage, eventEntry, volunteeringEntry } from '../../src/moderation/entries';
import { eventSchema } from '../../src/schemas/event';
import {
  clockTimeOf,
  eventSubmissionChecks,
  eventSubmissionSchema,
  keptWhatsOnAnswers,
  repeatChoices,
  volunteeringSubmissionChecks,
  volunteeringSubmissionSchema,
} from '../../src/schemas/forms/whats-on';
import { volunteeringSchema } from '../../src/schemas/volunteering';

const t = translator('en');
const choices = { groupIds: ['march-timebank', 'wisbech-walkers'], assetIds: ['march-library'], areaIds: ['march', 'wisbech'] };
const today = '2027-01-10';
const eventForm = eventSubmissionSchema(t, choices);
const roleForm = volunteeringSubmissionSchema(t, choices);

const anEvent = {
  kind: 'event',
  title: 'Coffee and chat',
  summary: 'A friendly coffee morning for anyone who would like company.',
  description: 'Bring a friend. <b>Cake</b> is {free}.',
  group: 'march-timebank',
  venue: 'march-library',
  addressLine1: '',
  addressTown: '',
  addressPostcode: '',
  areas: ['march'],
  'date-day': '14',
  'date-month': '1',
  'date-year': '2027',
  starts: '9.30',
  ends: '1130',
  repeat: 'fortnightly',
  'until-day': '30',
  'until-month': '6',
  'until-year': '2027',
  cost: 'low-cost',
  costDetails: '£1 for a drink',
  booking: 'yes',
  bookingHow: 'Call 01632 960123',
  bookingUrl: 'www.example.org/book',
  forWhom: '',
  places: '',
  publicEmail: 'coffee@example.org',
  publicPhone: '01632-960123',
  publicWebsite: '',
  senderName: 'Sam Smith',
  senderEmail: 'sam@example.org',
};

const aRole = {
  title: 'Befriender',
  summary: 'Visit an older neighbour for a chat once a week.',
  description: '',
  group: 'wisbech-walkers',
  venue: '',
  areas: ['wisbech', 'march'],
  whatYouDo: 'Visit, listen, and help with small things like letters.',
  timeAsked: 'An hour a week',
  skills: 'Patience\nA friendly ear\n\n',
  dbsCheck: 'not-sure',
  support: 'A morning’s training and a buddy',
  expenses: 'Travel at 45p a mile',
  howToApply: 'Email the coordinator',
  'closes-day': '',
  'closes-month': '',
  'closes-year': '',
  publicEmail: '',
  publicPhone: '',
  publicWebsite: 'https://befriending.example.org',
  senderName: 'Alex Jones',
  senderEmail: 'alex@example.org',
};

const messages = (result: ReturnType<typeof readAnswers>) => (result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.message}`));
const sendEvent = (fields: Record<string, unknown>) => readAnswers(eventForm, fields, eventSubmissionChecks(t, today));
const sendRole = (fields: Record<string, unknown>) => readAnswers(roleForm, fields, volunteeringSubmissionChecks(t, today));

/** The draft's front matter and body, as the collection reads them. */
function draftOf(file: { text: string }) {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(file.text);
  if (!match) throw new Error(`no front matter in ${file.text}`);
  return { data: parse(match[1]!) as Record<string, unknown>, body: match[2]!.trim() };
}

function approvedEvent(fields: Record<string, unknown>) {
  const read = sendEvent(fields);
  if (!read.ok) throw new Error(messages(read).join('\n'));
  return eventEntry(keptWhatsOnAnswers(read.data), 'coffee-and-chat');
}

describe('an event sent through the public form', () => {
  it('keeps every answer, with the date boxes as one day and times on the 24-hour clock', () => {
    const read = sendEvent(anEvent);
    expect(messages(read)).toEqual([]);
    const kept = keptWhatsOnAnswers(read.ok ? read.data : {});
    expect(kept).toMatchObject({ date: '2027-01-14', until: '2027-06-30', starts: '09:30', ends: '11:30', allDay: false, repeat: 'fortnightly', bookingUrl: 'https://www.example.org/book' });
    expect(Object.keys(kept).some((key) => key.endsWith('-day'))).toBe(false);
  });

  it('becomes a draft the events schema accepts, every answer in its field', () => {
    const file = approvedEvent(anEvent);
    expect(file.path).toBe('content/events/coffee-and-chat.md');
    expect(entryPage('events', 'coffee-and-chat')).toBe('/whats-on/coffee-and-chat/');
    const { data, body } = draftOf(file);
    const parsed = eventSchema.parse(data);
    expect(parsed).toMatchObject({
      kind: 'event',
      title: 'Coffee and chat',
      groups: ['march-timebank'],
      venue: 'march-library',
      areas: ['march'],
      starts: '09:30',
      ends: '11:30',
      repeat: { frequency: 'weekly', interval: 2 },
      cost: { type: 'low-cost', details: '£1 for a drink' },
      booking: { required: true, how: 'Call 01632 960123', url: 'https://www.example.org/book' },
      contact: { email: 'coffee@example.org', phone: '01632 960123' },
    });
    expect(parsed.date.toISOString().slice(0, 10)).toBe('2027-01-14');
    expect(parsed.repeat?.until?.toISOString().slice(0, 10)).toBe('2027-06-30');
    expect(parsed.editorNote).toBeUndefined();
    // Tags and braces typed in the description stay text.
    expect(body).toBe('Bring a friend. \\<b\\>Cake\\</b\\> is \\{free\\}.');
  });

  it('becomes an all-day training course at an address, with its places and who it is for', () => {
    const { data } = draftOf(approvedEvent({
      ...anEvent, kind: 'training', venue: '', addressLine1: '1 High Street', addressTown: 'March', addressPostcode: 'pe15 8aa',
      allDay: ['yes'], starts: '', ends: '', repeat: 'once', 'until-day': '', 'until-month': '', 'until-year': '', forWhom: 'New volunteers', places: '12',
    }));
    const parsed = eventSchema.parse(data);
    expect(parsed).toMatchObject({ kind: 'training', allDay: true, address: { line1: '1 High Street', town: 'March', postcode: 'PE15 8AA' }, forWhom: 'New volunteers', places: 12 });
    expect(parsed.venue).toBeUndefined();
    expect(parsed.repeat).toBeUndefined();
  });

  it.each(repeatChoices)('repeating "%s" makes repeat fields the schema accepts', (repeat) => {
    const until = repeat === 'once' ? { 'until-day': '', 'until-month': '', 'until-year': '' } : {};
    expect(eventSchema.safeParse(draftOf(approvedEvent({ ...anEvent, repeat, ...until })).data).success).toBe(true);
  });

  it('says in words what is wrong with the date, the times and the place', () => {
    expect(messages(sendEvent({ ...anEvent, 'date-day': '31', 'date-month': '2', starts: '25:00', ends: '', venue: '', addressLine1: '1 High Street' }))).toEqual([
      `addressTown: ${t('whatsOnForm.addressTown.missing')}`,
      `addressPostcode: ${t('whatsOnForm.addressPostcode.invalid')}`,
      `date-day: ${t('whatsOnForm.date.invalid')}`,
      `starts: ${t('whatsOnForm.time.invalid')}`,
      `ends: ${t('whatsOnForm.ends.missing')}`,
    ]);
    expect(messages(sendEvent({ ...anEvent, 'date-year': '2026', ends: '09:00', venue: '' }))).toEqual([
      `venue: ${t('whatsOnForm.venue.missing')}`,
      `date-day: ${t('whatsOnForm.date.past')}`,
      `ends: ${t('whatsOnForm.ends.beforeStart')}`,
    ]);
    expect(messages(sendEvent({ ...anEvent, allDay: ['yes'], repeat: 'once' }))).toEqual([`starts: ${t('whatsOnForm.time.allDay')}`, `until-day: ${t('whatsOnForm.until.once')}`]);
    expect(messages(sendEvent({ ...anEvent, 'until-year': '2026', places: 'twelve' }))).toEqual([`until-day: ${t('whatsOnForm.until.beforeDate')}`, `places: ${t('whatsOnForm.places.invalid')}`]);
  });

  it('refuses a group, place or area that is not in the content', () => {
    expect(messages(sendEvent({ ...anEvent, group: 'someone-else', venue: 'a-hall', areas: ['atlantis'] }))).toEqual([
      `group: ${t('whatsOnForm.group.missing')}`,
      `venue: ${t('whatsOnForm.venue.missing')}`,
      `areas: ${t('whatsOnForm.areas.missing')}`,
    ]);
  });

  it('reads times as people type them on a 24-hour clock', () => {
    expect(['9:30', '09.30', '0930', '14:00', '23:59'].map(clockTimeOf)).toEqual(['09:30', '09:30', '09:30', '14:00', '23:59']);
    expect(['2pm', '24:00', '9:3', ''].map(clockTimeOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('a volunteering role sent through the public form', () => {
  it('becomes a draft the volunteering schema accepts, leaving a DBS check the sender was unsure of to the editor', () => {
    const read = sendRole(aRole);
    expect(messages(read)).toEqual([]);
    const file = volunteeringEntry(keptWhatsOnAnswers(read.ok ? read.data : {}), 'befriender');
    expect(file.path).toBe('content/volunteering/befriender.md');
    expect(entryPage('volunteering', 'befriender')).toBe('/volunteer/befriender/');
    const parsed = volunteeringSchema.parse(draftOf(file).data);
    expect(parsed).toMatchObject({
      title: 'Befriender',
      groups: ['wisbech-walkers'],
      areas: ['wisbech', 'march'],
      whatYouDo: 'Visit, listen, and help with small things like letters.',
      timeAsked: 'An hour a week',
      skills: ['Patience', 'A friendly ear'],
      dbsCheck: 'not-needed',
      support: 'A morning’s training and a buddy',
      expenses: 'Travel at 45p a mile',
      howToApply: 'Email the coordinator',
      contact: { website: 'https://befriending.example.org' },
    });
    expect(draftOf(file).data.dbsCheck).toBeUndefined();
    expect(parsed.editorNote).toContain('DBS check');
  });

  it('keeps a chosen check and a closing date', () => {
    const read = sendRole({ ...aRole, dbsCheck: 'enhanced', 'closes-day': '1', 'closes-month': '3', 'closes-year': '2027' });
    const parsed = volunteeringSchema.parse(draftOf(volunteeringEntry(keptWhatsOnAnswers(read.ok ? read.data : {}), 'befriender')).data);
    expect(parsed.dbsCheck).toBe('enhanced');
    expect(parsed.closes?.toISOString().slice(0, 10)).toBe('2027-03-01');
    expect(parsed.editorNote).toBeUndefined();
  });

  it('asks for what a role needs, and refuses a closing date in the past', () => {
    expect(messages(sendRole({ ...aRole, whatYouDo: 'Help', timeAsked: '', dbsCheck: '', 'closes-day': '1', 'closes-month': '1', 'closes-year': '2027' }))).toEqual([
      `whatYouDo: ${t('volunteerForm.whatYouDo.tooShort')}`,
      `timeAsked: ${t('volunteerForm.timeAsked.missing')}`,
      `dbsCheck: ${t('volunteerForm.dbsCheck.missing')}`,
      `closes-day: ${t('volunteerForm.closes.past')}`,
    ]);
  });
});
