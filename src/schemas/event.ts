import { z } from 'astro/zod';
import { occurrenceProblems } from '../whats-on/recurrence';
import { address, clockTime, contactDetails, days, editorNote, isoDate, reference } from './fields';

/** The kinds of dated item on the what's on pages (names in i18n, `whatsOn.kind.*`); volunteering roles are their own collection. */
export const eventKinds = ['event', 'training'] as const;
export type EventKind = (typeof eventKinds)[number];

/** How a repeating event repeats, in plain fields the CMS can offer; src/whats-on/recurrence.ts turns it into an iCalendar RRULE. */
export const repeatSchema = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly']).describe('How often it repeats: daily, weekly or monthly'),
    // No defaults inside the repeat: the CMS would fill them in, and a one-off event's untouched repeat would no longer be empty.
    interval: z.number().int().min(1).max(52).optional().describe('Every how many days, weeks or months, e.g. 2 for fortnightly; empty for every one'),
    weekdays: z.array(z.enum(days)).default([]).describe('Weekly only: the days it happens; leave empty for the day of the first date'),
    monthlyOn: z
      .enum(['date', 'weekday', 'last-weekday'])
      .optional()
      .describe('Monthly only: the same date (e.g. the 14th, the choice when empty), the same weekday (e.g. the second Tuesday) or the last such weekday of the month'),
    until: isoDate().optional().describe('The last day it can happen; leave empty if it goes on'),
    count: z.number().int().min(1).max(500).optional().describe('Or: how many times it happens in all, counting cancelled dates'),
  })
  .describe('How it repeats; leave empty for a one-off');

/** A date of a repeating event moved to another day or time. */
const moveSchema = z
  .object({
    from: isoDate().describe('The day it was due to happen'),
    to: isoDate().describe('The day it happens instead'),
    starts: clockTime.optional().describe('New start time, if it changes, 24-hour, e.g. 10:00'),
    ends: clockTime.optional().describe('New end time, if it changes, 24-hour, e.g. 12:00'),
  })
  .superRefine((move, ctx) => {
    if (move.starts && move.ends && move.ends <= move.starts) ctx.addIssue({ code: 'custom', path: ['ends'], message: 'must be after the start time' });
  });

/** An event or training course: one-off or repeating. The Markdown body is its full description. */
export const eventSchema = z
  .object({
    kind: z.enum(eventKinds).default('event').describe('An event, or a training course'),
    title: z.string().min(2).describe('Name of the event or course, e.g. "Emergency first aid at work"'),
    summary: z.string().min(10).max(300).describe('One or two sentences saying what it is and for whom'),
    groups: z.array(reference('groups')).min(1).describe('The group or groups running it'),
    venue: reference('assets').optional().describe('Where it happens, if that place is on the asset map'),
    address: address.optional(),
    areas: z.array(reference('areas')).min(1).describe('Towns and villages it is in or for'),
    funds: z.array(reference('funds')).default([]).describe('Funds whose funded groups it is for, e.g. a peer-learning session'),
    audiences: z.array(reference('audiences')).default([]).describe('Who it is for'),
    accessibility: z.array(reference('accessibility')).default([]).describe('Accessibility features'),
    cost: z
      .object({
        type: z.enum(['free', 'low-cost', 'paid']).describe('Free, low cost or paid'),
        details: z.string().optional().describe('What it costs, e.g. "£5, free for carers"'),
      })
      .default({ type: 'free' })
      .describe('What it costs'),
    date: isoDate().describe('The day it happens, or the first day of a repeating event'),
    allDay: z.boolean().default(false).describe('It runs all day (leave the times empty)'),
    starts: clockTime.optional().describe('Start time, 24-hour, e.g. 09:30'),
    ends: clockTime.optional().describe('End time, 24-hour, e.g. 11:30'),
    repeat: repeatSchema.optional(),
    status: z
      .enum(['on', 'cancelled'])
      .default('on')
      .describe('Cancelled: the whole event is off. Its page stays and says so, and calendars that added it are told; for one date of a repeating event use the cancelled dates instead'),
    cancelled: z.array(isoDate()).default([]).describe('Dates a repeating event will not happen'),
    moved: z.array(moveSchema).default([]).describe('Dates of a repeating event moved to another day or time'),
    booking: z
      .object({
        required: z.boolean().default(false).describe('People must book a place'),
        how: z.string().optional().describe('How to book, e.g. "call 01632 960123 or email"'),
        url: z.string().url().optional().describe('Booking page, starting https://'),
      })
      .default({})
      .describe('Booking'),
    forWhom: z.string().optional().describe('Training: who the course is for, e.g. "volunteers who run groups"'),
    places: z.number().int().min(1).optional().describe('Training: how many places there are'),
    calendarUid: z.string().optional().describe("The event's UID in the group's calendar file it was imported from (npm run import), so importing that file again updates this entry; leave it alone"),
    contact: contactDetails.default({}),
    editorNote,
  })
  .superRefine((event, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (event.allDay) {
      if (event.starts) problem(['starts'], 'must be empty for an all-day event');
      if (event.ends) problem(['ends'], 'must be empty for an all-day event');
    } else {
      if (!event.starts) problem(['starts'], 'is required unless the event runs all day');
      if (!event.ends) problem(['ends'], 'is required unless the event runs all day');
      if (event.starts && event.ends && event.ends <= event.starts) problem(['ends'], 'must be after the start time');
    }
    if (!event.venue && !event.address) problem(['venue'], 'is required, or else an address');
    if (!event.repeat) {
      if (event.cancelled.length) problem(['cancelled'], 'is only for a repeating event (fill in repeat)');
      if (event.moved.length) problem(['moved'], 'is only for a repeating event (fill in repeat)');
      return;
    }
    const { repeat } = event;
    if (repeat.until && repeat.count) problem(['repeat', 'count'], 'must be empty when repeat.until is given: use one or the other');
    if (repeat.until && repeat.until < event.date) problem(['repeat', 'until'], 'must not be before the first date');
    if (repeat.weekdays.length && repeat.frequency !== 'weekly') problem(['repeat', 'weekdays'], 'is only for a weekly repeat');
    for (const { path, message } of occurrenceProblems(event)) problem(path, message);
  });
export type EventEntry = z.output<typeof eventSchema>;
