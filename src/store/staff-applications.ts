/**
 * Applications as staff see them: the list with its filters and search, one application, and its
 * files, each limited to what the viewer may see (a panel member only the fund rounds assigned to
 * them). Reads the submissions the application journey wrote (`src/forms/application.ts`). Server-only.
 */
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
}

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
  total: number;
}

// LIKE's own wildcards in a search are meant literally.
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/** The SQL condition (and its parameters from $1) for what this viewer may see. */
function visibleTo(viewer: Viewer, params: unknown[]): string {
  if (viewer.everyRound) return 'TRUE';
  params.push(viewer.accountId);
  return `EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.account_id = $${params.length} AND pa.fund_id = s.fund_id AND pa.fund_round = s.fund_round)`;
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
  const rows = await db.query<ListingRow>(
    `SELECT s.reference, s.fund_id, s.fund_round, s.area_id, s.status, s.created_at,
       s.answers->'your-group'->>'groupName' AS group_name,
       coalesce(s.answers->'project'->>'projectTitle', s.answers->'outline'->>'projectTitle') AS project_title,
       coalesce(s.answers->'project'->>'amount', s.answers->'outline'->>'amount') AS amount,
       count(*) OVER ()::int AS total
     FROM submissions s WHERE ${where.join(' AND ')}
     ORDER BY s.created_at DESC, s.reference LIMIT $${params.length}`,
    params,
  );
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

async function mayView(db: Queryable, submissionId: string, viewer: Viewer): Promise<boolean> {
  const params: unknown[] = [submissionId];
  const [row] = await db.query(`SELECT 1 FROM submissions s WHERE s.id = $1 AND s.kind = 'application' AND ${visibleTo(viewer, params)}`, params);
  return row !== undefined;
}

/** One application with its files listed, if it exists and the viewer may see it. */
export async function findApplication(db: Queryable, reference: string, viewer: Viewer): Promise<Submission | undefined> {
  const submission = await findSubmission(db, reference);
  return submission && (await mayView(db, submission.id, viewer)) ? submission : undefined;
}

/** One file of an application the viewer may see, with its content; undefined otherwise. */
export async function findApplicationAttachment(db: Queryable, id: string, viewer: Viewer): Promise<StoredAttachment | undefined> {
  const attachment = await readAttachment(db, id);
  if (!attachment) return undefined;
  const [owner] = await db.query<{ submission_id: string | null }>('SELECT submission_id FROM attachments WHERE id = $1', [id]);
  return owner?.submission_id && (await mayView(db, owner.submission_id, viewer)) ? attachment : undefined;
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
    await tx.query('UPDATE submissions SET status = $2, updated_at = $3 WHERE id = $1', [row.id, result.status, now]);
    await recordChange(tx, actor, { action: 'application.status', subjectType: 'submission', subjectId: row.id, before: { status: row.status }, after: { status: result.status } }, now);
    return { ok: true, status: result.status };
  });
}
