/**
 * The grant application journey on the server: which fund and stage, the draft that carries the
 * answers from page to page (kept in the database, found by a private token in a cookie or a
 * link), which sections are finished, and sending. Answers are kept as typed until the end, so
 * nothing anyone typed is lost, and each section is checked again before sending. Server-only.
 */
import { createHash } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { type CollectionEntry, getCollection } from 'astro:content';
import { areasByName } from '../data/directory';
import { getSite } from '../data/site';
import { acceptsApplications, fundRound, fundStatus, type FundStatus } from '../rules/fund-status';
import { formatDate, ukToday } from '../rules/dates';
import {
  type ApplicationContext,
  applicationSections,
  readSection,
  type Section,
  type SectionId,
  type SectionResult,
  type Stage,
} from '../schemas/forms/application';
import { getStore, sendOutboxNow } from '../store';
import { readStoreConfig, siteUrl } from '../store/config';
import { type Draft, resumeDraft, saveDraft } from '../store/drafts';
import { enqueueMessages } from '../store/outbox';
import { findSubmissionByKey, submit, type SubmissionReceipt } from '../store/submissions';
import { confirmation, staffAlert } from './notifications';
import { currentTime } from '../rules/clock';

/** What a draft application keeps: the stage, and each section's fields exactly as posted. */
export interface ApplicationDraftAnswers {
  stage: Stage;
  /** The outline's reference, when the group was invited to make this full application. */
  invitedFrom?: string;
  sections: Partial<Record<SectionId, Record<string, unknown>>>;
}

export interface Application {
  fund: CollectionEntry<'funds'>;
  status: FundStatus;
  open: boolean;
  stage: Stage;
  context: ApplicationContext;
  sections: Section[];
  /** Where the journey's pages live: /funds/<id>/apply/. */
  base: string;
}

/**
 * The fund at `fundId`, if there is one. Looked up in the collection rather than with `getEntry`,
 * which logs a line for every unknown id: anyone can type an address.
 */
export async function fundFor(fundId: string | undefined): Promise<CollectionEntry<'funds'> | undefined> {
  return fundId ? (await getCollection('funds')).find((fund) => fund.id === fundId) : undefined;
}

/**
 * Answers with the site's 404 page and status. `Astro.rewrite('/404/')` cannot do this: the 404 page
 * is prerendered, and a production build has no module to rewrite to (it threw, giving a 500).
 */
export const notFound = (): Response => new Response(null, { status: 404 });

/** What happens after an application is sent, as the confirmation page and email say it. */
export const nextStep = (stage: Stage, fund: { scoredByPanel: boolean }) =>
  stage === 'outline' ? 'apply.sent.nextOutline' : fund.scoredByPanel ? 'apply.sent.next' : 'apply.sent.nextUnscored';

/** The application for a fund taking applications through our own form; undefined for any other. */
export async function applicationFor(fundId: string | undefined, now = currentTime()): Promise<Application | undefined> {
  const fund = await fundFor(fundId);
  if (!fund || fund.data.apply.method !== 'form') return undefined;
  const { t } = await getSite();
  const today = ukToday(now);
  const status = fundStatus(fund.data, today);
  const stage: Stage = fund.data.stages === 2 ? 'outline' : 'full';
  const context: ApplicationContext = {
    t,
    fund: fund.data,
    areas: (await areasByName()).map((area) => ({ value: area.id, label: area.data.name })),
    audiences: (await getCollection('audiences')).map((audience) => ({ value: audience.id, label: audience.data.name })),
    today,
  };
  return { fund, status, open: acceptsApplications(status), stage, context, sections: applicationSections(stage, context), base: `/funds/${fund.id}/apply/` };
}

// One cookie per fund's journey, so applications to two funds do not meet.
const cookieName = 'application';

export function draftTokenFrom(cookies: AstroCookies): string | undefined {
  const token = cookies.get(cookieName)?.value;
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/** Remembers the draft on this device for as long as the draft is kept. */
export function rememberDraft(cookies: AstroCookies, application: Application, token: string, url: URL): void {
  cookies.set(cookieName, token, {
    path: application.base,
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: readStoreConfig().draftDays * 24 * 60 * 60,
  });
}

export interface ApplicationDraft {
  token: string;
  draft: Draft;
  answers: ApplicationDraftAnswers;
}

/** The draft behind a token, if it is an application to this fund and has not expired. */
export async function openDraft(application: Application, token: string | undefined): Promise<ApplicationDraft | undefined> {
  if (!token) return undefined;
  const draft = await resumeDraft(await getStore(), token);
  if (!draft || draft.kind !== 'application' || draft.fundId !== application.fund.id) return undefined;
  const { stage = application.stage, invitedFrom, sections = {} } = draft.answers as Partial<ApplicationDraftAnswers>;
  return { token, draft, answers: { stage, invitedFrom, sections } };
}

/**
 * The journey at the draft's stage: a group invited to apply in full after its outline carries the
 * full stage in its draft (made with the decision), and may finish it while the draft lives, even
 * after the fund has closed to new outlines.
 */
export function atDraftStage(application: Application, current: ApplicationDraft | undefined): Application {
  if (!current?.answers.invitedFrom || current.answers.stage === application.stage) return application;
  const { stage } = current.answers;
  return { ...application, stage, open: true, sections: applicationSections(stage, application.context) };
}

/** Keeps a section's fields as typed; returns the token, which is new when there was no live draft. */
export async function keepSection(
  application: Application,
  current: ApplicationDraft | undefined,
  sectionId: SectionId,
  fields: Record<string, unknown>,
): Promise<{ token: string; expiresAt: Date }> {
  const answers: ApplicationDraftAnswers = {
    ...current?.answers,
    stage: current?.answers.stage ?? application.stage,
    sections: { ...current?.answers.sections, [sectionId]: fields },
  };
  return saveDraft(await getStore(), { kind: 'application', fundId: application.fund.id, answers: { ...answers } }, { token: current?.token });
}

export interface SectionState {
  section: Section;
  /** The fields as typed, if the section has been saved. */
  fields?: Record<string, unknown>;
  result?: SectionResult;
}

/** Each section with its answers checked, in order; a section never saved has no result. */
export function sectionStates(application: Application, current: ApplicationDraft | undefined): SectionState[] {
  const sections = current?.answers.sections ?? {};
  const elsewhere = { amount: amountAsked(application, current), documents: current?.draft.attachments.length ?? 0 };
  return application.sections.map((section) => {
    const fields = sections[section.id];
    return fields ? { section, fields, result: readSection(section, fields, application.context, elsewhere) } : { section };
  });
}

/** The amount asked, once the section that asks it has a valid answer. */
export function amountAsked(application: Application, current: ApplicationDraft | undefined): number | undefined {
  const section = application.sections.find((candidate) => candidate.questions.some((question) => question.name === 'amount'));
  const fields = section && current?.answers.sections[section.id];
  if (!section || !fields) return undefined;
  const result = readSection(section, fields, application.context, { documents: 0 });
  return result.ok ? (result.answers.amount as number) : undefined;
}

/**
 * The key that makes sending an application once: it comes from the draft's secret, so a double
 * click, a retry or going back and sending again all find the one submission.
 */
export function applicationKey(token: string): string {
  return createHash('sha256').update(`application\n${token}`).digest('base64url');
}

/** The submission a draft already became, if it was sent. */
export async function sentFrom(token: string | undefined) {
  return token ? findSubmissionByKey(await getStore(), applicationKey(token)) : undefined;
}

/** Sends a finished application: one transaction with its files, its emails and the draft's removal. */
export async function sendApplication(application: Application, current: ApplicationDraft, states: SectionState[]): Promise<SubmissionReceipt> {
  const { settings, t } = await getSite();
  const answers = Object.fromEntries(states.map(({ section, result }) => [section.id, result?.ok ? result.answers : {}]));
  const contact = answers.contact as { contactEmail: string };
  const where = answers['where-and-who'] as { areas: string[] };
  const fund = application.fund.data;
  const outline = application.stage === 'outline';
  return submit(await getStore(), {
    idempotencyKey: applicationKey(current.token),
    kind: 'application',
    fundId: application.fund.id,
    fundRound: fundRound(fund),
    areaId: where.areas[0],
    answers: { stage: current.answers.stage, invitedFrom: current.answers.invitedFrom, ...answers },
    draftToken: current.token,
    notifications: (reference) => [
      confirmation(
        contact.contactEmail,
        t('apply.email.sentSubject', { reference }),
        t('apply.email.sentText', { fund: fund.name, reference, next: t(nextStep(outline ? 'outline' : 'full', fund)), when: fund.decisionTimeline }),
      ),
      staffAlert(settings, t('apply.alert', { fund: fund.name }), reference),
    ],
  });
}

/** The private link to a draft at `site`: the address the page was served from, or the public address (SITE_URL) in an email. */
export function resumeLink(application: Application, token: string, site: URL | string): string {
  return new URL(`${application.base}resume/${token}/`, site).href;
}

/** Emails the private link (at the site's public address) when mail is configured and the contact's address is known; returns the address. */
export async function emailResumeLink(application: Application, current: ApplicationDraft, token: string, expiresAt: Date): Promise<string | undefined> {
  if (!readStoreConfig().smtpUrl) return undefined;
  const email = current.answers.sections.contact?.contactEmail;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return undefined;
  const { t } = await getSite();
  await enqueueMessages(await getStore(), null, [{
    purpose: 'draft-link',
    to: email.trim(),
    subject: t('apply.email.savedSubject', { fund: application.fund.data.name }),
    text: t('apply.email.savedText', { link: resumeLink(application, token, siteUrl()), date: formatDate(expiresAt) }),
  }], currentTime());
  await sendOutboxNow();
  return email.trim();
}
