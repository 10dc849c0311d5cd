/**
 * Applications as staff see them: the list with its filters, search and scores, one application, and
 * its files, each limited to what the viewer may see (a panel member only the fund rounds assigned to
 * them, once with the panel, without a declared conflict, and only the documents `src/staff/panel.ts` allows). Reads the submissions the application journey wrote (`src/forms/application.ts`). Server-only.
 */
import { mayOpenDocument, panelMaySeeApplication, type DocumentKind } from '../staff/panel';
import { moveApplication, type ApplicationStatus, type Move, type MoveResult } from '../staff/workflow';
import { readAttachment, type StoredAttachment } from './attachments';
import type { Database, Queryable } from './database';
import { recordChange, type Actor } from './staff';
import { findSubmission, type Submission } from './submissions';
import { currentTime } from '../rules/clock';

/** Who is looking: their account, and whether they see every round or only those assigned to them. */
export interface Viewer {
  accountId: string;
  everyRound: boolean;
  /** The funds whose content lets the panel see financial documents (`panelSeesFinancialDocuments`). */
  fundsShowingFinancial?: readonly string[];
}

/** The order of the list: newest first, or the panel's highest average total first. */
export const listOrders = ['newest', 'score'] as const;
export type ListOrder = (typeof listOrders)[number];

export interface ApplicationFilters {
  fund?: string;
  round?: string;
  status?: string;
  area?: string;
  /** The kind of project (a full application's `projectType`, e.g. equipment). */
  projectType?: string;
  /** Received on or after this day (YYYY-MM-DD, UK time). */
  from?: string;
  /** Received on or before this day (YYYY-MM-DD, UK time). */
  to?: string;
  /** Part of the reference, the group's name or the project's title, any case. */
  search?: string;
  order?: ListOrder;
  /** Each application's panel scores (officers'); ordering by score needs them. */
  withScores?: boolean;
}

export interface ApplicationListing {
  reference: string;
  fundId: string | null;
  fundRound: string | null;
  areaId: string | null;
  status: string;
  groupName: string;
  projectTitle: string;
  amount: number | null;
  createdAt: Date;
  /** How many panel members have scored it. */
  scoredBy: number;
  /** The mean of the members' totals (as on its scores page), when anyone has scored it. */
  averageTotal: number | null;
}

export interface ApplicationFacets {
  funds: string[];
  rounds: string[];
  areas: string[];
  statuses: string[];
  projectTypes: string[];
}

interface ListingRow {
  reference: string;
  fund_id: string | null;
  fund_round: string | null;
  area_id: string | null;
  status: string;
  group_name: string | null;
  project_title: string | null;
  amount: number | string | null;
  created_at: Date;
  scored_by: number;
  average_total: number | string | null;
  total: number;
}

// LIKE's own wildcards in a search are meant literally.
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/**
 * The SQL condition (and its parameters from $1) for what this viewer may see: everything, or for a
 * panel member what `panelMaySeeApplication` allows (their rounds, once with the panel, no conflict declared).
 */
function visibleTo(viewer: Viewer, params: unknown[]): string {
  if (viewer.everyRound) return 'TRUE';
  params.push(viewer.accountId);
  const member = `$${params.length}`;
  return `(EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.account_id = ${member} AND pa.fund_id = s.fund_id AND pa.fund_round = s.fund_round)
    AND s.panel_since IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM panel_declarations pd WHERE pd.submission_id = s.id AND pd.account_id = ${member} AND pd.conflict))`;
}

/**
 * One application's panel scores, looked up by its key for each row listed (not added up over every score
 * and joined, which a planner without fresh statistics may redo for every row): how many members scored it,
 * and the mean of their totals (a member's total is their scores added up).
 */
const scoresOf = (alias: string) => `LEFT JOIN LATERAL (
    SELECT count(DISTINCT sc.account_id)::int AS scored_by, sum(sc.score)::float8 / nullif(count(DISTINCT sc.account_id), 0) AS average_total
    FROM scores sc WHERE sc.submission_id = ${alias}.id) sc ON TRUE`;

/** The list's SQL: newest first, scores looked up only for the page listed; by score, looked up for every match so they can be ranked. */
function listingQuery(where: string, limit: string, filters: ApplicationFilters): string {
  const columns = `s.id, s.reference, s.fund_id, s.fund_round, s.area_id, s.status, s.created_at,
       s.answers->'your-group'->>'groupName' AS group_name,
       coalesce(s.answers->'project'->>'projectTitle', s.answers->'outline'->>'projectTitle') AS project_title,
       coalesce(s.answers->'project'->>'amount', s.answers->'outline'->>'amount') AS amount,
       count(*) OVER ()::int AS total`;
  if (filters.withScores && filters.order === 'score') {
    return `SELECT ${columns}, sc.scored_by, sc.average_total FROM submissions s ${scoresOf('s')}
     WHERE ${where} ORDER BY sc.average_total DESC NULLS LAST, s.created_at DESC, s.reference LIMIT ${limit}`;
  }
  const page = `SELECT ${columns} FROM submissions s WHERE ${where} ORDER BY s.created_at DESC, s.reference LIMIT ${limit}`;
  if (!filters.withScores) return `SELECT listed.*, 0 AS scored_by, NULL::float8 AS average_total FROM (${page}) listed ORDER BY listed.created_at DESC, listed.reference`;
  return `SELECT listed.*, sc.scored_by, sc.average_total FROM (${page}) listed ${scoresOf('listed')} ORDER BY listed.created_at DESC, listed.reference`;
}

/** The applications matching `filters` that the viewer may see, newest first, at most `limit`, with how many match in all. */
export async function listApplications(db: Queryable, filters: ApplicationFilters, viewer: Viewer, limit = 200): Promise<{ applications: ApplicationListing[]; total: number }> {
  const params: unknown[] = [];
  const where = ["s.kind = 'application'", visibleTo(viewer, params)];
  const add = (condition: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filters.fund) add((n) => `s.fund_id = ${n}`, filters.fund);
  if (filters.round) add((n) => `s.fund_round = ${n}`, filters.round);
  if (filters.status) add((n) => `s.status = ${n}`, filters.status);
  if (filters.area) add((n) => `(s.area_id = ${n} OR s.answers->'where-and-who'->'areas' ? ${n})`, filters.area);
  if (filters.projectType) add((n) => `s.answers->'project'->>'projectType' = ${n}`, filters.projectType);
  if (filters.from) add((n) => `(s.created_at AT TIME ZONE 'Europe/London')::date >= ${n}::date`, filters.from);
  if (filters.to) add((n) => `(s.created_at AT TIME ZONE 'Europe/London')::date <= ${n}::date`, filters.to);
  if (filters.search) {
    add(
      (n) => `(s.reference ILIKE ${n} OR s.answers->'your-group'->>'groupName' ILIKE ${n} OR s.answers->'project'->>'projectTitle' ILIKE ${n} OR s.answers->'outline'->>'projectTitle' ILIKE ${n})`,
      likePattern(filters.search),
    );
  }
  params.push(limit);
  const rows = await db.query<ListingRow>(listingQuery(where.join(' AND '), `$${params.length}`, filters), params);
  return {
    total: rows[0]?.total ?? 0,
    applications: rows.map((row) => ({
      reference: row.reference,
      fundId: row.fund_id,
      fundRound: row.fund_round,
      areaId: row.area_id,
      status: row.status,
      groupName: row.group_name ?? '',
      projectTitle: row.project_title ?? '',
      amount: row.amount === null || Number.isNaN(Number(row.amount)) ? null : Number(row.amount),
      createdAt: new Date(row.created_at),
      scoredBy: Number(row.scored_by),
      averageTotal: row.average_total === null ? null : Number(row.average_total),
    })),
  };
}

/** The funds, rounds, areas, statuses and project types the viewer's applications have, for the filters' choices. */
export async function applicationFacets(db: Queryable, viewer: Viewer): Promise<ApplicationFacets> {
  const params: unknown[] = [];
  const rows = await db.query<{ fund_id: string | null; fund_round: string | null; area_id: string | null; status: string; project_type: string | null }>(
    `SELECT DISTINCT s.fund_id, s.fund_round, s.area_id, s.status, s.answers->'project'->>'projectType' AS project_type
     FROM submissions s WHERE s.kind = 'application' AND ${visibleTo(viewer, params)}`,
    params,
  );
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => !!value))].sort();
  return {
    funds: distinct(rows.map((row) => row.fund_id)),
    rounds: distinct(rows.map((row) => row.fund_round)),
    areas: distinct(rows.map((row) => row.area_id)),
    statuses: distinct(rows.map((row) => row.status)),
    projectTypes: distinct(rows.map((row) => row.project_type)),
  };
}

/** Whether the viewer may see the application, by the panel's rules (`panelMaySeeApplication`) for a panel member. */
async function mayView(db: Queryable, submissionId: string, viewer: Viewer): Promise<boolean> {
  const [row] = await db.query<{ panel_since: Date | null; assigned: boolean; conflict: boolean | null }>(
    `SELECT s.panel_since,
       EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.account_id = $2 AND pa.fund_id = s.fund_id AND pa.fund_round = s.fund_round) AS assigned,
       (SELECT pd.conflict FROM panel_declarations pd WHERE pd.submission_id = s.id AND pd.account_id = $2) AS conflict
     FROM submissions s WHERE s.id = $1 AND s.kind = 'application'`,
    [submissionId, viewer.accountId],
  );
  if (!row) return false;
  if (viewer.everyRound) return true;
  return panelMaySeeApplication({ assigned: row.assigned, withPanelSince: row.panel_since, declaration: row.conflict === null ? undefined : { conflict: row.conflict } });
}

const mayOpen = (viewer: Viewer, fundId: string | null, kind: DocumentKind | null) =>
  mayOpenDocument(viewer, kind, { panelSeesFinancialDocuments: !!fundId && (viewer.fundsShowingFinancial ?? []).includes(fundId) });

/** One application with the files the viewer may open listed, if it exists and the viewer may see it. */
export async function findApplication(db: Queryable, reference: string, viewer: Viewer): Promise<Submission | undefined> {
  const submission = await findSubmission(db, reference);
  if (!submission || !(await mayView(db, submission.id, viewer))) return undefined;
  return { ...submission, attachments: submission.attachments.filter((file) => mayOpen(viewer, submission.fundId, file.kind)) };
}

/** One file of an application the viewer may see, with its content, if its kind is one they may open; undefined otherwise. */
export async function findApplicationAttachment(db: Queryable, id: string, viewer: Viewer): Promise<StoredAttachment | undefined> {
  const attachment = await readAttachment(db, id);
  if (!attachment) return undefined;
  const [owner] = await db.query<{ submission_id: string | null; fund_id: string | null }>(
    'SELECT a.submission_id, s.fund_id FROM attachments a JOIN submissions s ON s.id = a.submission_id WHERE a.id = $1',
    [id],
  );
  if (!owner?.submission_id || !(await mayView(db, owner.submission_id, viewer))) return undefined;
  return mayOpen(viewer, owner.fund_id, attachment.kind) ? attachment : undefined;
}

/** The other half of a two-stage case: the outline a full application came from, and the full application an outline led to. */
export async function linkedApplications(db: Queryable, submission: Pick<Submission, 'reference' | 'answers'>): Promise<{ outline?: string; full?: string }> {
  const invitedFrom = submission.answers.invitedFrom;
  if (typeof invitedFrom === 'string' && invitedFrom) return { outline: invitedFrom };
  const [full] = await db.query<{ reference: string }>(
    "SELECT reference FROM submissions WHERE kind = 'application' AND answers->>'invitedFrom' = $1 ORDER BY created_at LIMIT 1",
    [submission.reference],
  );
  return full ? { full: full.reference } : {};
}

export type StatusChange = { ok: true; status: ApplicationStatus } | { ok: false; problem: 'not-found' | Exclude<MoveResult, { ok: true }>['problem'] };

/**
 * Moves an application on in the workflow if the move is allowed from where it is now, and writes the
 * change to the audit log in the same transaction; the row is locked, so two officers cannot both move it.
 * Decisions are not moves: `recordDecision` in `decisions.ts` writes them with their decision row.
 */
export async function changeApplicationStatus(db: Database, reference: string, move: Move, actor: Actor, now = currentTime()): Promise<StatusChange> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; status: string }>("SELECT id, status FROM submissions WHERE reference = $1 AND kind = 'application' FOR UPDATE", [reference]);
    if (!row) return { ok: false, problem: 'not-found' };
    const result = moveApplication(row.status, move);
    if (!result.ok) return result;
    // Reaching the panel is when its members may first see it (src/staff/panel.ts); they keep seeing it after.
    await tx.query("UPDATE submissions SET status = $2, updated_at = $3, panel_since = CASE WHEN $2 = 'panel' THEN coalesce(panel_since, $3) ELSE panel_since END WHERE id = $1", [row.id, result.status, now]);
    await recordChange(tx, actor, { action: 'application.status', subjectType: 'submission', subjectId: row.id, before: { status: row.status }, after: { status: result.status } }, now);
    return { ok: true, status: result.status };
  });
}
