/**
 * The panel's scores and the officer's decision on an application. Scores are kept per member and
 * criterion while the application is with the panel; a decision writes its row, the status it leads to,
 * the audit-log entry, the letter in the outbox and, when funded, the offer's and the final report's links, all in one
 * transaction, so no application reaches a decision status without its decision. Server-only.
 */
import { translator, type Translate } from '../i18n';
import { formatDate } from '../rules/dates';
import { holdsLink, renderLetter } from '../rules/letters';
import { sectionsFromOutline } from '../schemas/forms/application';
import { checkDecision, type DecisionError, type DecisionInput, type ValidDecision } from '../staff/decisions';
import { letterValues } from '../staff/letters';
import { panelMaySeeApplication, scoringStanding } from '../staff/panel';
import type { Score } from '../staff/scoring';
import type { Database, Queryable } from './database';
import { readStoreConfig, siteUrl } from './config';
import { saveDraft } from './drafts';
import { requestFeedback } from './feedback';
import { enqueueMessages } from './outbox';
import { declarationOf } from './panel';
import { recordChange, type Actor, type StaffAccount } from './staff';
import { currentTime } from '../rules/clock';
import { makeOffer } from '../grants/offers';
import { grantConditions, type ReportingSchedule } from '../grants/schedule';
import type { Fund } from '../schemas/fund';

/** Scoring is open only while the application is with the panel: before that it is not theirs to judge, after the decision it is settled. */
export const scoringStatuses: readonly string[] = ['panel'];

interface ApplicationRow {
  id: string;
  reference: string;
  status: string;
  fund_id: string | null;
  fund_round: string | null;
  panel_since: Date | null;
  answers: { stage?: unknown; contact?: { contactEmail?: unknown }; project?: { amount?: unknown; projectTitle?: unknown }; outline?: { amount?: unknown; projectTitle?: unknown } };
}

async function lockApplication(tx: Queryable, reference: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.query<ApplicationRow>("SELECT id, reference, status, fund_id, fund_round, panel_since, answers FROM submissions WHERE reference = $1 AND kind = 'application' FOR UPDATE", [reference]);
  return row;
}

/** What the group asked for, in whole pounds, from the full application or the outline. */
export function askedAmount(answers: ApplicationRow['answers']): number | null {
  const typed = answers.project?.amount ?? answers.outline?.amount;
  const amount = typeof typed === 'number' ? typed : typeof typed === 'string' && /^\d+$/.test(typed.trim()) ? Number(typed) : NaN;
  return Number.isFinite(amount) ? amount : null;
}

// --- Scores -----------------------------------------------------------------------------------

/** Every member's scores on one application, with the member's email. */
export async function scoresFor(db: Queryable, submissionId: string): Promise<(Score & { scoredAt: Date })[]> {
  const rows = await db.query<{ account_id: string; email: string; criterion: string; score: number; comment: string; scored_at: Date }>(
    `SELECT s.account_id, a.email, s.criterion, s.score, s.comment, s.scored_at
     FROM scores s JOIN staff_accounts a ON a.id = s.account_id WHERE s.submission_id = $1 ORDER BY a.email, s.criterion`,
    [submissionId],
  );
  return rows.map((row) => ({ accountId: row.account_id, member: row.email, criterion: row.criterion, score: Number(row.score), comment: row.comment, scoredAt: new Date(row.scored_at) }));
}

export type ScoreSaving = { ok: true } | { ok: false; problem: 'not-found' | 'not-open' | 'declare-first' };

/**
 * Saves one panel member's scores, replacing their earlier ones for the same criteria, if the
 * application is in a round assigned to them and with the panel, and they have declared no conflict of
 * interest with it; the change goes in the audit log.
 */
export async function saveScores(
  db: Database,
  reference: string,
  account: StaffAccount,
  scores: readonly { criterion: string; score: number; comment: string }[],
  now = currentTime(),
): Promise<ScoreSaving> {
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, reference);
    if (!row) return { ok: false, problem: 'not-found' };
    const [assigned] = await tx.query('SELECT 1 FROM panel_assignments WHERE account_id = $1 AND fund_id = $2 AND fund_round = $3', [account.id, row.fund_id, row.fund_round]);
    const declaration = await declarationOf(tx, row.id, account.id);
    if (!panelMaySeeApplication({ assigned: !!assigned, withPanelSince: row.panel_since, declaration })) return { ok: false, problem: 'not-found' };
    if (!scoringStatuses.includes(row.status)) return { ok: false, problem: 'not-open' };
    if (scoringStanding(declaration) !== 'may-score') return { ok: false, problem: 'declare-first' };
    const before = await tx.query<{ criterion: string; score: number; comment: string }>(
      'SELECT criterion, score, comment FROM scores WHERE submission_id = $1 AND account_id = $2 ORDER BY criterion',
      [row.id, account.id],
    );
    for (const score of scores) {
      await tx.query(
        `INSERT INTO scores (submission_id, account_id, criterion, score, comment, scored_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (submission_id, account_id, criterion) DO UPDATE SET score = excluded.score, comment = excluded.comment, scored_at = excluded.scored_at`,
        [row.id, account.id, score.criterion, score.score, score.comment, now],
      );
    }
    await recordChange(
      tx,
      { account },
      { action: 'application.scores', subjectType: 'submission', subjectId: row.id, before: before.length ? before.map((item) => ({ ...item, score: Number(item.score) })) : null, after: scores },
      now,
    );
    return { ok: true };
  });
}

// --- Decisions --------------------------------------------------------------------------------

export interface StoredDecision extends ValidDecision {
  decidedBy: string | null;
  decidedAt: Date;
}

/** The decision on an application, if there is one. */
export async function findDecision(db: Queryable, submissionId: string): Promise<StoredDecision | undefined> {
  const [row] = await db.query<{ outcome: ValidDecision['outcome']; amount_awarded: number | null; signposted_to: string | null; letter: string; conditions: string; email: string | null; decided_at: Date }>(
    `SELECT d.outcome, d.amount_awarded, d.signposted_to, d.letter, d.conditions, a.email, d.decided_at
     FROM decisions d LEFT JOIN staff_accounts a ON a.id = d.decided_by WHERE d.submission_id = $1`,
    [submissionId],
  );
  if (!row) return undefined;
  return {
    outcome: row.outcome,
    amountAwarded: row.amount_awarded === null ? null : Number(row.amount_awarded),
    signpostedTo: row.signposted_to,
    letter: row.letter,
    conditions: row.conditions,
    decidedBy: row.email,
    decidedAt: new Date(row.decided_at),
  };
}

export type DecisionRecording =
  | { ok: true; decision: ValidDecision; feedbackPath?: string; invitationPath?: string; offerPath?: string }
  | { ok: false; problem: 'not-found' | 'decided-already' }
  | { ok: false; problem: 'invalid'; errors: DecisionError[] };

/** What a decision needs to know of the application's fund (from the content; null when the fund is no longer listed). */
export interface DecidingFund {
  maximumAward: number | null;
  name?: string;
  /** 2 when the fund takes an outline, then a full application. */
  stages?: 1 | 2 | null;
  /** How a funded project reports (the fund's `reporting`). */
  reporting?: ReportingSchedule;
  /** The fund's standard conditions of grant (its `conditions`), before the decision's own. */
  conditions?: readonly string[];
}

/** What deciding needs from a fund's content (none, for an application to no fund). */
export const decidingFund = (fund: Fund | undefined): DecidingFund => ({
  maximumAward: fund?.maximumAward ?? null,
  name: fund?.name,
  stages: fund?.stages ?? null,
  reporting: fund?.reporting,
  conditions: fund?.conditions,
});

/** Whether an application is an outline or a full application (older ones say nothing, and are full). */
export const stageOf = (answers: { stage?: unknown }): 'outline' | 'full' => (answers.stage === 'outline' ? 'outline' : 'full');

/**
 * Records the decision on an application: checks it against where the application is now (the row is
 * locked, so two officers cannot both decide), writes the decision, moves the status to the outcome,
 * logs both in the audit log, queues the letter to the applicant and, for a funded project, makes its
 * offer's link (sent with the letter) and its final report's link (both returned once, for the
 * officer to send another way if need be).
 */
export async function recordDecision(
  db: Database,
  reference: string,
  input: DecisionInput,
  fund: DecidingFund,
  actor: Actor,
  now = currentTime(),
  { t = translator('en') }: { t?: Translate } = {},
): Promise<DecisionRecording> {
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, reference);
    if (!row) return { ok: false, problem: 'not-found' };
    const [earlier] = await tx.query('SELECT 1 FROM decisions WHERE submission_id = $1', [row.id]);
    if (earlier) return { ok: false, problem: 'decided-already' };
    const checked = checkDecision(input, { status: row.status, asked: askedAmount(row.answers), maximumAward: fund.maximumAward, stage: stageOf(row.answers), fundStages: fund.stages ?? null });
    if (!checked.ok) return { ok: false, problem: 'invalid', errors: checked.errors };
    // The merge fields the application can fill are filled now; the private link once it is made, below.
    const letter = renderLetter(checked.decision.letter, letterValues(row.answers, { amountAwarded: checked.decision.amountAwarded, conditions: grantConditions(fund.conditions ?? [], checked.decision.conditions) }, t));
    const decision = { ...checked.decision, letter };
    await tx.query(
      `INSERT INTO decisions (submission_id, outcome, amount_awarded, signposted_to, letter, conditions, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, decision.outcome, decision.amountAwarded, decision.signpostedTo, decision.letter, decision.conditions, 'account' in actor ? actor.account.id : null, now],
    );
    await tx.query('UPDATE submissions SET status = $2, updated_at = $3 WHERE id = $1', [row.id, decision.outcome, now]);
    // The letter and the conditions stay in their decision row (which the retention purge can reach), not in the audit log.
    const { letter: _letter, conditions: _conditions, ...logged } = decision;
    await recordChange(tx, actor, { action: 'application.decision', subjectType: 'submission', subjectId: row.id, before: { status: row.status }, after: { status: decision.outcome, ...logged } }, now);
    // checkDecision allowed "invited" only for an outline to a two-stage fund.
    const fromOutline = decision.outcome === 'invited' && row.fund_id;
    const invitation = fromOutline ? await inviteFullApplication(tx, row, fromOutline, now) : undefined;
    const offer = decision.outcome === 'funded' ? await makeOffer(tx, row.id, now) : undefined;
    const linked = invitation ?? offer;
    const link = linked && new URL(linked.path, siteUrl()).href;
    const email = row.answers.contact?.contactEmail;
    if (typeof email === 'string' && email.includes('@')) {
      // A letter that places the link itself gets it there; one that does not gets the standard paragraph with the link after it.
      const text = holdsLink(letter)
        ? renderLetter(letter, { link: link ?? '' })
        : invitation && link
          ? `${letter}\n\n${t('staff.decision.invitationText', { link, date: formatDate(invitation.expiresAt), days: invitation.days })}`
          : offer && link
            ? `${letter}\n\n${t('staff.decision.offerText', { link })}`
            : letter;
      await enqueueMessages(tx, row.id, [{ purpose: 'decision-letter', to: email, subject: t('staff.decision.letterSubject', { reference: row.reference, fund: fund.name ?? '' }), text }], now);
    }
    if (invitation) return { ok: true, decision, invitationPath: invitation.path };
    if (decision.outcome !== 'funded') return { ok: true, decision };
    const { path } = await requestFeedback(tx, { id: row.id, reference: row.reference }, now, { t, ...(fund.reporting ? { schedule: fund.reporting } : {}) });
    return { ok: true, decision, feedbackPath: path, offerPath: offer?.path };
  });
}

/**
 * The full application an outline is invited to make: a draft filled from the outline, whose private
 * link goes with the decision letter. The group has DRAFT_DAYS after its last save to finish it.
 */
async function inviteFullApplication(tx: Queryable, row: ApplicationRow, fundId: string, now: Date): Promise<{ path: string; expiresAt: Date; days: number }> {
  const answers = { stage: 'full', invitedFrom: row.reference, sections: sectionsFromOutline(row.answers as Record<string, unknown>) };
  const days = readStoreConfig().draftDays;
  const { token, expiresAt } = await saveDraft(tx, { kind: 'application', fundId, answers }, { now, lifetimeDays: days });
  return { path: `/funds/${fundId}/apply/resume/${token}/`, expiresAt, days };
}

export interface BulkDecisionResult {
  reference: string;
  result: DecisionRecording;
}

/**
 * The same decision and letter on several applications, one after another, each recorded as on its own
 * (its own transaction, audit entry and letter), so one refused (say, funded for more than it asked)
 * leaves the others recorded and says why.
 */
export async function recordDecisions(
  db: Database,
  applications: readonly { reference: string; fund: DecidingFund }[],
  input: DecisionInput,
  actor: Actor,
  now = currentTime(),
  options: { t?: Translate } = {},
): Promise<BulkDecisionResult[]> {
  const results: BulkDecisionResult[] = [];
  for (const { reference, fund } of applications) results.push({ reference, result: await recordDecision(db, reference, input, fund, actor, now, options) });
  return results;
}
