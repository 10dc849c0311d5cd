/**
 * The panel's scores: reading one member's score form (0–5 and a comment for each of the fund's
 * criteria) and adding up everyone's scores per criterion, per member and overall. Pure.
 */
import type { FieldError } from '../forms/answers';

export const lowestScore = 0;
export const highestScore = 5;
export const commentLimit = 2000;

export interface Criterion {
  name: string;
  description?: string;
}

/** One member's score for one criterion. */
export interface Score {
  accountId: string;
  /** Who scored, as the console names them (their email). */
  member: string;
  criterion: string;
  score: number;
  comment: string;
}

/** The form field names for criterion number `index` (names can hold any character, so they are numbered). */
export const scoreField = (index: number) => `score-${index + 1}`;
export const commentField = (index: number) => `comment-${index + 1}`;

export type ScoreMessages = {
  scoreMissing: (criterion: string) => string;
  commentMissing: (criterion: string) => string;
  commentTooLong: (criterion: string) => string;
};

export type ScoreForm =
  | { ok: true; scores: { criterion: string; score: number; comment: string }[] }
  | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** Reads a member's scores from the posted form: every criterion needs a whole score from 0 to 5 and a comment. */
export function readScoreForm(criteria: readonly Criterion[], form: { get(name: string): unknown }, messages: ScoreMessages): ScoreForm {
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  const scores = criteria.map((criterion, index) => {
    const rawScore = String(form.get(scoreField(index)) ?? '').trim();
    const comment = String(form.get(commentField(index)) ?? '').trim();
    values[scoreField(index)] = rawScore;
    values[commentField(index)] = comment.slice(0, commentLimit * 2);
    const score = /^[0-5]$/.test(rawScore) ? Number(rawScore) : undefined;
    if (score === undefined) errors.push({ field: scoreField(index), message: messages.scoreMissing(criterion.name) });
    if (!comment) errors.push({ field: commentField(index), message: messages.commentMissing(criterion.name) });
    else if (comment.length > commentLimit) errors.push({ field: commentField(index), message: messages.commentTooLong(criterion.name) });
    return { criterion: criterion.name, score: score ?? 0, comment };
  });
  return errors.length ? { ok: false, errors, values } : { ok: true, scores };
}

export interface MemberTotal {
  accountId: string;
  member: string;
  total: number;
  /** How many of the criteria they have scored; their total is final when it equals the number of criteria. */
  scored: number;
}

export interface CriterionSummary {
  criterion: string;
  /** Each member's score in the order of `members`; undefined where they have not scored it. */
  scores: (number | undefined)[];
  total: number;
  /** The mean of the scores given, or undefined when nobody has scored it. */
  average: number | undefined;
}

export interface ScoreSummary {
  /** Everyone who has scored, in the order they are shown (by name). */
  members: MemberTotal[];
  criteria: CriterionSummary[];
  overall: {
    /** Every score added up. */
    total: number;
    /** The mean of the members' totals, comparable with one member's total. */
    averageTotal: number | undefined;
    /** The mean of every score given, on the 0–5 scale. */
    averageScore: number | undefined;
    /** The most one member can give: 5 for each criterion. */
    highestTotal: number;
  };
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);

/**
 * Adds up the panel's scores. `criteria` are the fund's, in its order; a score for a criterion the fund
 * no longer lists still counts, after them, so nothing scored is hidden.
 */
export function summariseScores(criteria: readonly Criterion[], scores: readonly Score[]): ScoreSummary {
  const names = [...criteria.map((criterion) => criterion.name)];
  for (const score of scores) if (!names.includes(score.criterion)) names.push(score.criterion);
  const byMember = new Map<string, MemberTotal>();
  for (const score of scores) {
    const member = byMember.get(score.accountId) ?? { accountId: score.accountId, member: score.member, total: 0, scored: 0 };
    member.total += score.score;
    member.scored += 1;
    byMember.set(score.accountId, member);
  }
  const members = [...byMember.values()].sort((a, b) => a.member.localeCompare(b.member) || a.accountId.localeCompare(b.accountId));
  const summaries = names.map((criterion) => {
    const given = members.map((member) => scores.find((score) => score.accountId === member.accountId && score.criterion === criterion)?.score);
    const numbers = given.filter((value): value is number => value !== undefined);
    return { criterion, scores: given, total: numbers.reduce((sum, value) => sum + value, 0), average: mean(numbers) };
  });
  return {
    members,
    criteria: summaries,
    overall: {
      total: members.reduce((sum, member) => sum + member.total, 0),
      averageTotal: mean(members.map((member) => member.total)),
      averageScore: mean(scores.map((score) => score.score)),
      highestTotal: highestScore * names.length,
    },
  };
}

/** An average as the console shows it: one decimal place, without a trailing ".0". */
export const formatAverage = (value: number | undefined): string => (value === undefined ? '–' : String(Math.round(value * 10) / 10));
