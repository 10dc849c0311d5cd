/**
 * The moderation queue's rules: what lands in it (enquiries, suggested edits, new listings, stories,
 * events and volunteering roles),
 * where an item may go (to do → done or rejected, and back to do), the queue's filters read from the
 * address, where in the CMS an item is dealt with, and a suggested edit laid beside its listing
 * section by section. Pure.
 */
import { listingSections, type ListingSection } from '../schemas/forms/suggested-edit';

export const moderationKinds = ['enquiry', 'suggested-edit', 'new-listing', 'story', 'event', 'volunteering'] as const;
export type ModerationKind = (typeof moderationKinds)[number];
export const isModerationKind = (value: string): value is ModerationKind => (moderationKinds as readonly string[]).includes(value);

/**
 * Every submission starts as `received`, which the queue calls "to do"; `in-cms` is an item approved
 * into a CMS draft, waiting for an editor to publish it (then it is done by itself).
 */
export const moderationStatuses = ['received', 'in-cms', 'done', 'rejected'] as const;
export type ModerationStatus = (typeof moderationStatuses)[number];
export const isModerationStatus = (value: string): value is ModerationStatus => (moderationStatuses as readonly string[]).includes(value);

// `in-cms` is reached only by approving (approvable below), never by choosing it.
const allowedMoves: Record<ModerationStatus, readonly ModerationStatus[]> = {
  received: ['done', 'rejected'],
  'in-cms': ['done', 'rejected'],
  // Reopened when it was closed by mistake or needs more work.
  done: ['received'],
  rejected: ['received'],
};

export const nextModerationStatuses = (from: ModerationStatus): readonly ModerationStatus[] => allowedMoves[from];

/** The longest note kept with a move. */
export const noteMaxLength = 2000;

export interface ModerationMove {
  to: string;
  note?: string;
}

export type ModerationMoveResult =
  | { ok: true; status: ModerationStatus; note: string }
  | { ok: false; problem: 'unknown-status' | 'not-allowed' | 'note-missing' | 'note-too-long' };

/** Whether `move` is allowed from `from`; rejecting needs a note saying why. */
export function moveModeration(from: string, move: ModerationMove): ModerationMoveResult {
  if (!isModerationStatus(from) || !isModerationStatus(move.to)) return { ok: false, problem: 'unknown-status' };
  if (!allowedMoves[from].includes(move.to)) return { ok: false, problem: 'not-allowed' };
  const note = (move.note ?? '').trim();
  if (note.length > noteMaxLength) return { ok: false, problem: 'note-too-long' };
  if (move.to === 'rejected' && note === '') return { ok: false, problem: 'note-missing' };
  return { ok: true, status: move.to, note };
}

export interface QueueFilters {
  kind?: ModerationKind;
  status?: ModerationStatus;
}

/** The queue's filters from the address; anything unknown means "any". */
export function queueFilters(params: URLSearchParams): QueueFilters {
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  return { kind: isModerationKind(kind) ? kind : undefined, status: isModerationStatus(status) ? status : undefined };
}

/** `groups/<id>` or `assets/<id>` from a suggested edit's hidden field, if it has that shape. */
export function listingOf(answers: Record<string, unknown>): { collection: 'groups' | 'assets'; id: string } | undefined {
  const match = typeof answers.listing === 'string' ? /^(groups|assets)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(answers.listing) : null;
  return match ? { collection: match[1] as 'groups' | 'assets', id: match[2]! } : undefined;
}

/** Where a suggested edit's listing is in the CMS, as it is now; undefined when the edit names no listing. */
export function cmsLink(kind: string, answers: Record<string, unknown>): string | undefined {
  const listing = kind === 'suggested-edit' ? listingOf(answers) : undefined;
  return listing && `/admin/#/collections/${listing.collection}/entries/${listing.id}`;
}

/** Where an approved item's draft is in the CMS (Decap opens the unpublished version while there is one). */
export const cmsDraftLink = (collection: string, slug: string): string => `/admin/#/collections/${collection}/entries/${slug}`;

/** The kinds an approval turns into a CMS draft; an enquiry is answered by email instead. */
export const approvableKinds = ['suggested-edit', 'new-listing', 'story', 'event', 'volunteering'] as const;

/** Whether an item can be approved into a CMS draft now: one of those kinds, still to do, and a suggested edit that names its listing. */
export function approvable(kind: string, status: string, answers: Record<string, unknown>): boolean {
  if (status !== 'received' || !(approvableKinds as readonly string[]).includes(kind)) return false;
  return kind !== 'suggested-edit' || listingOf(answers) !== undefined;
}

/** Where to reach the person who sent an item, if they gave an address. */
export function senderEmail(kind: string, answers: Record<string, unknown>): string | undefined {
  const email = kind === 'new-listing' || kind === 'event' || kind === 'volunteering' ? answers.senderEmail : answers.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim() : undefined;
}

/** A short line saying what an item is about, for the queue. */
export function queueTitle(kind: string, answers: Record<string, unknown>): string {
  const text = (key: string) => (typeof answers[key] === 'string' ? (answers[key] as string) : '');
  const line = kind === 'enquiry' ? text('question')
    : kind === 'suggested-edit' ? text('listingName') || text('listing')
    : kind === 'new-listing' ? text('name')
    : kind === 'story' || kind === 'event' || kind === 'volunteering' ? text('title') : '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** What a listing says now, section by section, already worded for reading. */
export type ListingNow = Record<ListingSection, string[]>;

export interface ComparisonRow {
  section: ListingSection;
  current: string[];
  /** The resident said this section is wrong. */
  flagged: boolean;
}

/** Each section of the listing beside whether the resident marked it as wrong, in the form's order. */
export function compareListing(now: ListingNow, problems: unknown): ComparisonRow[] {
  const flagged = new Set(Array.isArray(problems) ? problems.filter((item): item is string => typeof item === 'string') : []);
  return listingSections.map((section) => ({ section, current: now[section], flagged: flagged.has(section) }));
}

interface Session {
  day: string;
  opens: string;
  closes: string;
  frequency?: string;
  note?: string;
}

/** A listing's content (a group's or an asset's data and body), and how to name what it refers to. */
export interface ListingContent {
  collection: 'groups' | 'assets';
  data: Record<string, unknown>;
  body?: string;
}

export interface Wording {
  /** A session, e.g. "Every Tuesday, 10:00 to 12:00". */
  session: (session: Session) => string;
  cost: (type: string) => string;
  status: (status: string) => string;
  /** The name of an entry referred to, e.g. an area or an accessibility feature. */
  name: (collection: 'areas' | 'accessibility' | 'assets', id: string) => string;
}

/** What a group or asset says now, in the suggested-edit form's sections. */
export function listingNow(listing: ListingContent, wording: Wording): ListingNow {
  const data = listing.data;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? [value] : []);
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const address = record(data.address);
  const contact = record(data.contact);
  const cost = record(data.cost);
  const areas = listing.collection === 'groups' ? list(data.areas) : text(data.area);
  const sessions = Array.isArray(data.schedule) ? (data.schedule as Session[]) : [];
  return {
    name: text(data.name),
    description: [...text(data.summary), ...text(listing.body?.trim())],
    times: listing.collection === 'groups' ? [...sessions.map(wording.session), ...text(data.scheduleNote)] : text(data.howToUse),
    place: [
      ...text(data.venue).map((id) => wording.name('assets', id)),
      ...[address.line1, address.line2, address.town, address.postcode].flatMap(text),
      ...areas.map((id) => wording.name('areas', id)),
    ],
    contact: [...text(contact.email), ...text(contact.phone), ...text(contact.website)],
    cost: typeof cost.type === 'string' ? [wording.cost(cost.type), ...text(cost.details)] : [],
    accessibility: list(data.accessibility).map((id) => wording.name('accessibility', id)),
    closed: text(data.status).map(wording.status),
    other: [],
  };
}
