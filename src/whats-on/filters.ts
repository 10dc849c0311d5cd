/**
 * The filters on /whats-on/ and /volunteer/, read from the address so a filtered list can be
 * shared and works without JavaScript, and matched against an item's content. Pure.
 */
import { type Window, windows } from './status';

export const eventKindFilters = ['event', 'training'] as const;
/** The kinds /whats-on/ offers: events and training, and volunteering roles, which are listed after the dated items. */
export const whatsOnKindFilters = [...eventKindFilters, 'volunteering'] as const;

export interface WhatsOnFilters {
  /** Today, this week, this weekend, the next 30 days, or everything to come. */
  when: Window | 'all';
  kind: string[];
  area: string[];
  audience: string[];
  /** Free of charge only. */
  free: boolean;
  /** For children or families. */
  children: boolean;
  /** With step-free access. */
  accessible: boolean;
  /** One group's or one place's items, from the link on its page. */
  group?: string;
  venue?: string;
  /** Items for the groups a fund paid for, from the link on the fund's page. */
  fund?: string;
}

/** The audiences that make an item suitable for children. */
export const childrenAudiences = ['children', 'families'];
/** The accessibility feature the "accessible" filter asks for. */
export const accessibleFeature = 'step-free-access';

const list = (params: URLSearchParams, name: string, allowed?: readonly string[]) =>
  [...new Set(params.getAll(name).map((value) => value.trim()).filter((value) => value && (!allowed || allowed.includes(value))))];

/** The filters an address asks for; anything unknown is ignored. Without `when`, the next 30 days. */
export function whatsOnFiltersFrom(params: URLSearchParams): WhatsOnFilters {
  const when = params.get('when');
  return {
    when: when === 'all' || (windows as readonly string[]).includes(when ?? '') ? (when as Window | 'all') : 'month',
    kind: list(params, 'kind', whatsOnKindFilters),
    area: list(params, 'area'),
    audience: list(params, 'audience'),
    free: params.get('free') === 'yes',
    children: params.get('children') === 'yes',
    accessible: params.get('accessible') === 'yes',
    group: params.get('group') || undefined,
    venue: params.get('venue') || undefined,
    fund: params.get('fund') || undefined,
  };
}

/** What the filters read of an event. */
export interface Filterable {
  kind: string;
  areas: string[];
  audiences: string[];
  accessibility: string[];
  cost: { type: string };
  groups: string[];
  venue?: string;
  funds: string[];
}

/** Whether an event passes every filter chosen (each filter's values are alternatives). */
export function eventMatches(event: Filterable, filters: WhatsOnFilters): boolean {
  const some = (chosen: string[], values: string[]) => chosen.length === 0 || chosen.some((value) => values.includes(value));
  return (
    some(filters.kind, [event.kind]) &&
    some(filters.area, event.areas) &&
    some(filters.audience, event.audiences) &&
    (!filters.free || event.cost.type === 'free') &&
    (!filters.children || event.audiences.some((audience) => childrenAudiences.includes(audience))) &&
    (!filters.accessible || event.accessibility.includes(accessibleFeature)) &&
    (!filters.group || event.groups.includes(filters.group)) &&
    (!filters.venue || event.venue === filters.venue) &&
    (!filters.fund || event.funds.includes(filters.fund))
  );
}

export interface VolunteerFilters {
  area: string[];
  /** Roles that need no DBS check. */
  noDbs: boolean;
  group?: string;
}

export function volunteerFiltersFrom(params: URLSearchParams): VolunteerFilters {
  return { area: list(params, 'area'), noDbs: params.get('dbs') === 'no', group: params.get('group') || undefined };
}

export function roleMatches(role: { areas: string[]; dbsCheck: string; groups: string[] }, filters: VolunteerFilters): boolean {
  return (
    (filters.area.length === 0 || filters.area.some((area) => role.areas.includes(area))) &&
    (!filters.noDbs || role.dbsCheck === 'not-needed') &&
    (!filters.group || role.groups.includes(filters.group))
  );
}

/** The file name of each kind's calendar, /whats-on/calendar/<name>.ics. */
export const calendarKinds = { event: 'events', training: 'training' } as const;

/** The file name of each kind's Atom feed, /whats-on/feed/<name>.xml. */
export const feedKinds = { event: 'events', training: 'training', volunteering: 'volunteering' } as const;
