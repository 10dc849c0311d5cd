/**
 * The record of publishes (table `publishes`, migration 008): one row per commit the publisher built,
 * written when it starts and again when it is live or has failed, for the staff console's publishing
 * page and for a restarted server to close what it left running. Server-only.
 */
import { jsonParameter, type Queryable } from '../store/database';
import type { PublishProblem, PublishStage } from './releases';

export type PublishResult = 'running' | 'published' | 'failed' | 'interrupted';

export interface PublishRecord {
  id: number;
  commit: string;
  commitSubject: string;
  branch: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  result: PublishResult;
  stage: PublishStage | null;
  problems: PublishProblem[];
  release: string | null;
}

interface PublishRow {
  id: number;
  commit_sha: string;
  commit_subject: string;
  branch: string;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  result: PublishResult;
  stage: PublishStage | null;
  problems: PublishProblem[] | string;
  release: string | null;
}

const columns = 'id, commit_sha, commit_subject, branch, started_at, finished_at, duration_ms, result, stage, problems, release';

function fromRow(row: PublishRow): PublishRecord {
  return {
    id: row.id,
    commit: row.commit_sha,
    commitSubject: row.commit_subject,
    branch: row.branch,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at && new Date(row.finished_at),
    durationMs: row.duration_ms,
    result: row.result,
    stage: row.stage,
    problems: typeof row.problems === 'string' ? (JSON.parse(row.problems) as PublishProblem[]) : row.problems,
    release: row.release,
  };
}

/** Records a publish as running; returns its id. */
export async function recordPublishStarted(
  db: Queryable,
  { commit, commitSubject, branch, release }: { commit: string; commitSubject: string; branch: string; release: string },
  now: Date,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO publishes (commit_sha, commit_subject, branch, started_at, release) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [commit, commitSubject, branch, now, release],
  );
  return row!.id;
}

export type PublishEnding = { result: 'published' } | { result: 'failed'; stage: PublishStage; problems: PublishProblem[] };

/** Records how a running publish ended, and how long it took. */
export async function recordPublishFinished(db: Queryable, id: number, ending: PublishEnding, now: Date): Promise<void> {
  await db.query(
    `UPDATE publishes
        SET result = $2, stage = $3, problems = $4::text::jsonb, finished_at = $5,
            duration_ms = GREATEST(0, (EXTRACT(EPOCH FROM ($5::timestamptz - started_at)) * 1000)::int)
      WHERE id = $1 AND result = 'running'`,
    [id, ending.result, ending.result === 'failed' ? ending.stage : null, jsonParameter(ending.result === 'failed' ? ending.problems : []), now],
  );
}

/** At start: publishes a stopped server left running did not finish. Returns how many. */
export async function recordInterrupted(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE publishes SET result = 'interrupted', finished_at = $1 WHERE result = 'running' RETURNING id`,
    [now],
  );
  return rows.length;
}

/** The newest publishes first. */
export async function recentPublishes(db: Queryable, limit = 20): Promise<PublishRecord[]> {
  const rows = await db.query<PublishRow>(`SELECT ${columns} FROM publishes ORDER BY started_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map(fromRow);
}

/** The last publish that went live, if any. */
export async function lastPublished(db: Queryable): Promise<PublishRecord | undefined> {
  const [row] = await db.query<PublishRow>(`SELECT ${columns} FROM publishes WHERE result = 'published' ORDER BY finished_at DESC, id DESC LIMIT 1`);
  return row && fromRow(row);
}
