import { z } from 'astro/zod';
import { answer, type CrossCheck, type FieldError } from '../../forms/answers';
import type { Translate } from '../../i18n';
import { dbsChecks } from '../volunteering';
import { dateParts, readDate } from './application';

/**
 * The public form for an event or a training course, and the one for a volunteering role: what
 * src/schemas/event.ts and volunteering.ts need, asked in plain words. Groups, places and areas are
 * content ids, and every bound is the content schema's own, so an approval turns the answers into a
 * draft the collection's schema accepts (src/moderation/entries.ts). The sender's own name and email
 * are for staff only, never published.
 */

/** How an event repeats, as residents say it; src/moderation/entries.ts turns each into the content's repeat fields. */
export const repeatChoices = ['once', 'daily', 'weekly', 'fortnightly', 'monthly-date', 'monthly-weekday', 'monthly-last'] as const;
export type RepeatChoice = (typeof repeatChoices)[number];

export const costChoices = ['free', 'low-cost', 'paid'] as const;

/** A role's check as asked: the schema's three, or "not sure", which the editor settles. */
export const dbsChoices = [...dbsChecks, 'not-sure'] as const;

/** The ids a form offers: listed groups, places on the asset map and areas. */
export interface WhatsOnChoices {
  groupIds: readonly string[];
  assetIds: readonly string[];
  areaIds: readonly string[];
}

/** One of `values` or nothing: a drop-down left on its first, empty option. */
const optionalChoice = (values: readonly string[], invalid: string) =>
  z.string().trim().optional().transform((value) => (value ? value : undefined)).refine((value) => value === undefined || values.includes(value), invalid);

/** The questions both forms share: who runs it and the place on the map. */
function groupAndPlace(t: Translate, { groupIds, assetIds }: WhatsOnChoices) {
  return {
    group: answer.choice(groupIds, t('whatsOnForm.group.missing')).describe('The group running it (content/groups)'),
    venue: optionalChoice(assetIds, t('whatsOnForm.venue.missing')).describe('Where it happens, if that place is on the asset map (content/assets)'),
  };
}

const areasQuestion = (t: Translate, { areaIds }: WhatsOnChoices) =>
  answer.choices(areaIds, t('whatsOnForm.areas.missing'), t('whatsOnForm.areas.missing')).describe('Towns and villages it is in or for');

function contactQuestions(t: Translate) {
  return {
    publicEmail: answer.optionalEmail(t('addListing.publicEmail.invalid')).describe('Email address for the public'),
    publicPhone: answer.optionalPhone(t('form.phone.invalid')).describe('Phone number for the public'),
    publicWebsite: answer.optionalWebsite(t('addListing.publicWebsite.invalid')).describe('Website for the public'),
    senderName: answer.text(t('form.name.missing'), 100, t('form.name.tooLong')).describe('Who sent it (not published)'),
    senderEmail: answer.email(t('form.email.missing'), t('form.email.invalid')).describe('Where to reach the sender (not published)'),
  };
}

/** The three boxes of a GOV.UK date question, as typed; the cross-checks read them as a date. */
const dateFields = <N extends string>(name: N) =>
  Object.fromEntries(dateParts(name).map((part) => [part, z.string().max(10).optional()])) as Record<`${N}-day` | `${N}-month` | `${N}-year`, z.ZodOptional<z.ZodString>>;

/** An event or training course. */
export function eventSubmissionSchema(t: Translate, choices: WhatsOnChoices) {
  return z.object({
    kind: answer.choice(['event', 'training'] as const, t('whatsOnForm.kind.missing')).describe('An event, or a training course'),
    title: answer.text(t('whatsOnForm.title.missing'), 120, t('whatsOnForm.title.tooLong')).min(2, t('whatsOnForm.title.missing')).describe('Its name'),
    summary: answer.text(t('whatsOnForm.summary.missing'), 300, t('whatsOnForm.summary.tooLong')).min(10, t('whatsOnForm.summary.tooShort')).describe('What it is and who it is for'),
    description: answer.optionalText(5000, t('whatsOnForm.description.tooLong')).describe('Anything else people should know'),
    ...groupAndPlace(t, choices),
    addressLine1: answer.optionalText(200, t('whatsOnForm.addressLine1.tooLong')).describe('Or the address: building and street'),
    addressTown: answer.optionalText(100, t('whatsOnForm.addressTown.tooLong')).describe('Or the address: town or village'),
    addressPostcode: answer.optionalText(10, t('whatsOnForm.addressPostcode.invalid')).describe('Or the address: postcode'),
    areas: areasQuestion(t, choices),
    ...dateFields('date'),
    allDay: answer.choices(['yes'] as const, t('whatsOnForm.allDay.missing')).default([]).describe('It runs all day'),
    starts: answer.optionalText(20, t('whatsOnForm.time.invalid')).describe('Start time'),
    ends: answer.optionalText(20, t('whatsOnForm.time.invalid')).describe('End time'),
    repeat: answer.choice(repeatChoices, t('whatsOnForm.repeat.missing')).describe('Whether and how it repeats'),
    ...dateFields('until'),
    cost: answer.choice(costChoices, t('whatsOnForm.cost.missing')).describe('Free, low cost or paid'),
    costDetails: answer.optionalText(200, t('whatsOnForm.costDetails.tooLong')).describe('What it costs'),
    booking: answer.choice(['no', 'yes'] as const, t('whatsOnForm.booking.missing')).describe('Whether people must book'),
    bookingHow: answer.optionalText(300, t('whatsOnForm.bookingHow.tooLong')).describe('How to book'),
    bookingUrl: answer.optionalWebsite(t('addListing.publicWebsite.invalid')).describe('Booking page'),
    forWhom: answer.optionalText(200, t('whatsOnForm.forWhom.tooLong')).describe('Training: who the course is for'),
    places: answer.optionalText(10, t('whatsOnForm.places.invalid')).describe('Training: how many places there are'),
    ...contactQuestions(t),
  });
}

/** A volunteering role. */
export function volunteeringSubmissionSchema(t: Translate, choices: WhatsOnChoices) {
  return z.object({
    title: answer.text(t('volunteerForm.title.missing'), 120, t('whatsOnForm.title.tooLong')).min(2, t('volunteerForm.title.missing')).describe('The role'),
    summary: answer.text(t('whatsOnForm.summary.missing'), 300, t('whatsOnForm.summary.tooLong')).min(10, t('whatsOnForm.summary.tooShort')).describe('What the role is'),
    description: answer.optionalText(5000, t('whatsOnForm.description.tooLong')).describe('Anything else people should know'),
    ...groupAndPlace(t, choices),
    areas: areasQuestion(t, choices),
    whatYouDo: answer.text(t('volunteerForm.whatYouDo.missing'), 1000, t('volunteerForm.whatYouDo.tooLong')).min(10, t('volunteerForm.whatYouDo.tooShort')).describe("What you'd do"),
    timeAsked: answer.text(t('volunteerForm.timeAsked.missing'), 200, t('volunteerForm.timeAsked.tooLong')).min(3, t('volunteerForm.timeAsked.missing')).describe('The time asked'),
    skills: answer.optionalText(1000, t('volunteerForm.skills.tooLong')).describe('Skills or experience that help, one a line'),
    dbsCheck: answer.choice(dbsChoices, t('volunteerForm.dbsCheck.missing')).describe('Whether a DBS check is needed'),
    support: answer.text(t('volunteerForm.support.missing'), 500, t('volunteerForm.support.tooLong')).min(5, t('volunteerForm.support.missing')).describe('Training and support given'),
    expenses: answer.optionalText(200, t('volunteerForm.expenses.tooLong')).describe('Expenses paid'),
    howToApply: answer.text(t('volunteerForm.howToApply.missing'), 500, t('volunteerForm.howToApply.tooLong')).min(5, t('volunteerForm.howToApply.missing')).describe('How to apply'),
    ...dateFields('closes'),
    ...contactQuestions(t),
  });
}

const ukPostcode = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

/** A time as people type it on a 24-hour clock ("9:30", "09.30", "1400") as the content writes it ("09:30"); undefined if it is not one. */
export function clockTimeOf(typed: string): string | undefined {
  const match = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(typed.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}

const typed = (fields: Record<string, unknown>, name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');

/** A date question's answer: the ISO day, nothing when left blank, or the problem with it. */
function dateAnswer(fields: Record<string, unknown>, name: string): { iso?: string; problem?: 'incomplete' | 'invalid' | 'missing' } {
  const read = readDate(dateParts(name).map((part) => typed(fields, part)) as [string, string, string]);
  return read.ok ? { iso: read.iso } : { problem: read.problem };
}

/**
 * What the event schema needs across answers, in words: a real date not in the past, times unless it
 * is all day (the end after the start), a last date not before the first, a place on the map or a
 * whole address, and a whole number of places.
 */
export function eventSubmissionChecks(t: Translate, today: string): CrossCheck {
  return (fields) => {
    const errors: FieldError[] = [];
    const date = dateAnswer(fields, 'date');
    if (date.problem) errors.push({ field: 'date-day', message: t(`whatsOnForm.date.${date.problem}`) });
    else if (date.iso! < today) errors.push({ field: 'date-day', message: t('whatsOnForm.date.past') });
    const allDay = fields.allDay === 'yes' || (Array.isArray(fields.allDay) && fields.allDay.includes('yes'));
    const starts = typed(fields, 'starts');
    const ends = typed(fields, 'ends');
    if (allDay) {
      if (starts || ends) errors.push({ field: 'starts', message: t('whatsOnForm.time.allDay') });
    } else {
      if (!starts) errors.push({ field: 'starts', message: t('whatsOnForm.starts.missing') });
      else if (!clockTimeOf(starts)) errors.push({ field: 'starts', message: t('whatsOnForm.time.invalid') });
      if (!ends) errors.push({ field: 'ends', message: t('whatsOnForm.ends.missing') });
      else if (!clockTimeOf(ends)) errors.push({ field: 'ends', message: t('whatsOnForm.time.invalid') });
      else if (clockTimeOf(starts) && clockTimeOf(ends)! <= clockTimeOf(starts)!) errors.push({ field: 'ends', message: t('whatsOnForm.ends.beforeStart') });
    }
    const until = dateAnswer(fields, 'until');
    const repeats = typeof fields.repeat === 'string' && fields.repeat !== 'once';
    if (until.problem && until.problem !== 'missing') errors.push({ field: 'until-day', message: t(`whatsOnForm.until.${until.problem}`) });
    else if (until.iso && !repeats) errors.push({ field: 'until-day', message: t('whatsOnForm.until.once') });
    else if (until.iso && date.iso && until.iso < date.iso) errors.push({ field: 'until-day', message: t('whatsOnForm.until.beforeDate') });
    if (!typed(fields, 'venue')) {
      const line1 = typed(fields, 'addressLine1');
      const town = typed(fields, 'addressTown');
      const postcode = typed(fields, 'addressPostcode');
      if (!line1 && !town && !postcode) errors.push({ field: 'venue', message: t('whatsOnForm.venue.missing') });
      else {
        if (!line1) errors.push({ field: 'addressLine1', message: t('whatsOnForm.addressLine1.missing') });
        if (!town) errors.push({ field: 'addressTown', message: t('whatsOnForm.addressTown.missing') });
        if (!ukPostcode.test(postcode)) errors.push({ field: 'addressPostcode', message: t('whatsOnForm.addressPostcode.invalid') });
      }
    }
    const places = typed(fields, 'places');
    if (places && !/^[1-9]\d{0,4}$/.test(places)) errors.push({ field: 'places', message: t('whatsOnForm.places.invalid') });
    return errors;
  };
}

/** A role's closing date, if given, must be a real day not in the past. */
export function volunteeringSubmissionChecks(t: Translate, today: string): CrossCheck {
  return (fields) => {
    const closes = dateAnswer(fields, 'closes');
    if (closes.problem && closes.problem !== 'missing') return [{ field: 'closes-day', message: t(`volunteerForm.closes.${closes.problem}`) }];
    if (closes.iso && closes.iso < today) return [{ field: 'closes-day', message: t('volunteerForm.closes.past') }];
    return [];
  };
}

/** Answers as kept: the date questions' three boxes as one ISO day each, times as the content writes them, places as a number. */
export function keptWhatsOnAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    const date = /^(date|until|closes)-(day|month|year)$/.exec(key);
    if (date) {
      if (date[2] === 'day') {
        const read = dateAnswer(answers, date[1]!);
        if (read.iso) kept[date[1]!] = read.iso;
      }
      continue;
    }
    if (value === undefined) continue;
    if (key === 'starts' || key === 'ends') kept[key] = clockTimeOf(String(value));
    else if (key === 'places') kept[key] = Number(value);
    else if (key === 'allDay') kept[key] = Array.isArray(value) && value.includes('yes');
    else kept[key] = value;
  }
  return kept;
}
