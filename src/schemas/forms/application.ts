/**
 * The questions of a grant application, section by section: one list that gives each page its
 * fields, the zod schema its answers are checked with, and the rows of "check your answers".
 * Funds with two stages ask a shorter outline first. Pure: the fund, the choices and the strings
 * come in as arguments, so the rules are unit-tested without a server.
 */
import { z } from 'astro/zod';
import { answer, type FieldError, readAnswers } from '../../forms/answers';
import type { Translate } from '../../i18n';
import { daysBetween } from '../../rules/dates';
import { organisationTypes } from '../group';

export interface Option {
  value: string;
  label: string;
}

/** One question on a page. `name` is the posted field and the id its error links to. */
export type Question =
  | { kind: 'text'; name: string; label: string; hint?: string; missing?: string; max: number; width?: string; autocomplete?: string; type?: 'email' | 'tel' }
  | { kind: 'textarea'; name: string; label: string; hint?: string; missing: string; max: number }
  | { kind: 'email'; name: string; label: string; hint?: string }
  | { kind: 'phone'; name: string; label: string; missing: string }
  | { kind: 'money' | 'count'; name: string; label: string; hint?: string; missing: string; min: number; max: number }
  | {
      kind: 'choice'; name: string; label: string; hint?: string; missing?: string; options: Option[]; multiple?: boolean; everyOne?: boolean;
      /** Why an answer that is on the list still will not do, e.g. a kind of group the fund does not take. */
      refuse?: (value: string) => string | undefined;
    }
  | { kind: 'date'; name: string; label: string; hint: string }
  | { kind: 'budget'; name: 'budget'; label: string }
  | { kind: 'documents'; name: 'document'; label: string; documents: string[] };

export interface Section {
  id: SectionId;
  title: string;
  questions: Question[];
}

export const sectionIds = ['your-group', 'contact', 'project', 'outline', 'where-and-who', 'community', 'budget', 'timeline', 'documents', 'declarations'] as const;
export type SectionId = (typeof sectionIds)[number];

export type Stage = 'outline' | 'full';

/** What the questions depend on: the fund, the lists people choose from, and the day. */
export interface ApplicationContext {
  t: Translate;
  fund: {
    name: string;
    minimumAward: number;
    maximumAward: number;
    whoCanApply: readonly string[];
    /** Areas a project must be in; empty means anywhere. */
    eligibleAreas: readonly string[];
    documents: readonly string[];
    bankAccountNeeded: boolean;
  };
  areas: Option[];
  audiences: Option[];
  today: Date;
}

export const projectTypes = ['new-activity', 'growing', 'equipment', 'building', 'event', 'training', 'other'] as const;
const buildingBlocks = ['skills', 'associations', 'institutions', 'environment', 'economy', 'culture'] as const;
const declarations = ['true', 'authorised', 'data'] as const;
/** Budget lines on the page when none are filled in; one more appears each time "add another line" is used. */
export const minimumBudgetLines = 5;
export const maximumBudgetLines = 30;
/** Files one application may carry. */
export const maximumDocuments = 10;

/** The sections of an application at a stage, in the order they are asked. */
export function applicationSections(stage: Stage, context: ApplicationContext): Section[] {
  const { t, fund } = context;
  const pounds = (amount: number) => amount.toLocaleString('en-GB');
  const areaOptions = fund.eligibleAreas.length > 0 ? context.areas.filter((area) => fund.eligibleAreas.includes(area.value)) : context.areas;
  const amount: Question = {
    kind: 'money', name: 'amount', label: t('apply.amountAsked'), hint: t('apply.amountAsked.hint', { min: pounds(fund.minimumAward), max: pounds(fund.maximumAward) }),
    missing: t('apply.amountAsked.missing'), min: fund.minimumAward, max: fund.maximumAward,
  };
  const projectTitle: Question = { kind: 'text', name: 'projectTitle', label: t('apply.projectTitle'), hint: t('apply.projectTitle.hint'), missing: t('apply.projectTitle.missing'), max: 100 };
  const sections: Section[] = [
    {
      id: 'your-group',
      title: t('apply.section.your-group'),
      questions: [
        { kind: 'text', name: 'groupName', label: t('apply.groupName'), missing: t('apply.groupName.missing'), max: 150, autocomplete: 'organization' },
        {
          kind: 'choice', name: 'organisationType', label: t('apply.organisationType'), missing: t('apply.organisationType.missing'),
          options: organisationTypes.map((type) => ({ value: type, label: t(`eligibility.organisation.${type}`) })),
          refuse: (type) => (fund.whoCanApply.includes(type) ? undefined : t('apply.organisationType.notEligible', { type: t(`organisation.${type as (typeof organisationTypes)[number]}`).toLowerCase() })),
        },
        { kind: 'text', name: 'registeredNumber', label: t('apply.registeredNumber'), hint: t('apply.registeredNumber.hint'), max: 20, width: '10' },
        {
          kind: 'choice', name: 'bankAccount', label: t('apply.bankAccount'), hint: t(fund.bankAccountNeeded ? 'apply.bankAccount.hint' : 'apply.bankAccount.hintNotNeeded'), missing: t('apply.bankAccount.missing'),
          options: [{ value: 'yes', label: t('apply.yes') }, { value: 'no', label: t('apply.no') }],
        },
      ],
    },
    {
      id: 'contact',
      title: t('apply.section.contact'),
      questions: [
        { kind: 'text', name: 'contactName', label: t('apply.contactName'), missing: t('apply.contactName.missing'), max: 100, autocomplete: 'name' },
        { kind: 'text', name: 'contactRole', label: t('apply.contactRole'), hint: t('apply.contactRole.hint'), max: 100, autocomplete: 'organization-title' },
        { kind: 'email', name: 'contactEmail', label: t('apply.contactEmail'), hint: t('apply.contactEmail.hint') },
        { kind: 'phone', name: 'contactPhone', label: t('apply.contactPhone'), missing: t('apply.contactPhone.missing') },
      ],
    },
    ...(stage === 'outline'
      ? [{
          id: 'outline' as const,
          title: t('apply.section.outline'),
          questions: [
            projectTitle,
            { kind: 'textarea' as const, name: 'outlineSummary', label: t('apply.outlineSummary'), hint: t('apply.outlineSummary.hint'), missing: t('apply.outlineSummary.missing'), max: 3000 },
            amount,
          ],
        }]
      : [{
          id: 'project' as const,
          title: t('apply.section.project'),
          questions: [
            projectTitle,
            {
              kind: 'choice' as const, name: 'projectType', label: t('apply.projectType'), missing: t('apply.projectType.missing'),
              options: projectTypes.map((type) => ({ value: type, label: t(`apply.projectType.${type}`) })),
            },
            { kind: 'textarea' as const, name: 'projectSummary', label: t('apply.projectSummary'), hint: t('apply.projectSummary.hint'), missing: t('apply.projectSummary.missing'), max: 3000 },
            { kind: 'textarea' as const, name: 'need', label: t('apply.need'), hint: t('apply.need.hint'), missing: t('apply.need.missing'), max: 3000 },
            amount,
          ],
        }]),
    {
      id: 'where-and-who',
      title: t('apply.section.where-and-who'),
      questions: [
        { kind: 'choice', name: 'areas', label: t('apply.areas'), hint: t('apply.areas.hint'), missing: t('apply.areas.missing'), options: areaOptions, multiple: true },
        { kind: 'choice', name: 'audiences', label: t('apply.audiences'), hint: t('apply.audiences.hint'), options: context.audiences, multiple: true },
        { kind: 'count', name: 'peopleReached', label: t('apply.peopleReached'), missing: t('apply.peopleReached.missing'), min: 1, max: 1_000_000 },
      ],
    },
  ];
  if (stage === 'full') {
    sections.push(
      {
        id: 'community',
        title: t('apply.section.community'),
        questions: [
          { kind: 'textarea', name: 'involvement', label: t('apply.involvement'), hint: t('apply.involvement.hint'), missing: t('apply.involvement.missing'), max: 3000 },
          {
            kind: 'choice', name: 'assets', label: t('apply.assets'), hint: t('apply.assets.hint'), multiple: true,
            options: buildingBlocks.map((block) => ({ value: block, label: t(`block.${block}`) })),
          },
          { kind: 'text', name: 'assetsDetail', label: t('apply.assetsDetail'), hint: t('apply.assetsDetail.hint'), max: 1000 },
        ],
      },
      { id: 'budget', title: t('apply.section.budget'), questions: [{ kind: 'budget', name: 'budget', label: t('apply.section.budget') }] },
      {
        id: 'timeline',
        title: t('apply.section.timeline'),
        questions: [
          { kind: 'date', name: 'start', label: t('apply.start.date'), hint: t('apply.date.hint') },
          { kind: 'date', name: 'end', label: t('apply.end.date'), hint: t('apply.date.hint') },
          { kind: 'textarea', name: 'milestones', label: t('apply.milestones'), hint: t('apply.milestones.hint'), missing: t('apply.milestones.missing'), max: 3000 },
        ],
      },
    );
    if (fund.documents.length > 0) {
      sections.push({ id: 'documents', title: t('apply.section.documents'), questions: [{ kind: 'documents', name: 'document', label: t('apply.documents.upload'), documents: [...fund.documents] }] });
    }
  }
  sections.push({
    id: 'declarations',
    title: t('apply.section.declarations'),
    questions: [
      {
        kind: 'choice', name: 'declarations', label: t('apply.declarations'), missing: t('apply.declarations.missing'), multiple: true, everyOne: true,
        options: declarations.map((declaration) => ({ value: declaration, label: t(`apply.declarations.${declaration}`) })),
      },
      { kind: 'text', name: 'declarantName', label: t('apply.declarantName'), missing: t('apply.declarantName.missing'), max: 100, autocomplete: 'name' },
    ],
  });
  return sections;
}

/**
 * A full application's first sections, filled from the outline a group was invited from, as a form
 * would post them (text as typed, lists of choices), so the group checks and adds rather than
 * types it all again. Pure.
 */
export function sectionsFromOutline(outline: Record<string, unknown>): Partial<Record<SectionId, Record<string, unknown>>> {
  const posted = (value: unknown): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).map(([name, answer]) => [name, typeof answer === 'number' ? String(answer) : answer]));
  };
  const { outlineSummary, ...project } = posted(outline.outline);
  return {
    'your-group': posted(outline['your-group']),
    contact: posted(outline.contact),
    project: { ...project, ...(outlineSummary === undefined ? {} : { projectSummary: outlineSummary }) },
    'where-and-who': posted(outline['where-and-who']),
  };
}

/** The fields a date question posts, GOV.UK style. */
export const dateParts = (name: string) => [`${name}-day`, `${name}-month`, `${name}-year`] as const;

/** The zod schema for a section's posted fields (text as typed; arrays for checkboxes and budget lines). */
export function sectionSchema(section: Section, { t }: Pick<ApplicationContext, 't'>): z.AnyZodObject {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const question of section.questions) {
    const tooLong = (max: number) => t('apply.tooLong', { label: question.label.replace(/ \(optional\)$/, ''), max: max.toLocaleString('en-GB') });
    switch (question.kind) {
      case 'text':
      case 'textarea':
        shape[question.name] = question.missing
          ? answer.text(question.missing, question.max, tooLong(question.max))
          : optionalText(question.max, tooLong(question.max));
        break;
      case 'email':
        shape[question.name] = answer.email(t('form.email.missing'), t('form.email.invalid'));
        break;
      case 'phone':
        shape[question.name] = answer.text(question.missing, 30, t('form.phone.invalid')).pipe(answer.optionalPhone(t('form.phone.invalid')));
        break;
      case 'money':
      case 'count':
        shape[question.name] = wholeNumber(question, t);
        break;
      case 'choice': {
        const values = question.options.map((option) => option.value) as [string, ...string[]];
        const missing = question.missing ?? question.label;
        const one = z.enum(values, { errorMap: () => ({ message: missing }) });
        const { refuse } = question;
        const accepted = refuse ? one.superRefine((value, ctx) => { const problem = refuse(value); if (problem) ctx.addIssue({ code: 'custom', message: problem }); }) : one;
        if (!question.multiple) shape[question.name] = question.missing ? accepted : accepted.optional();
        else if (question.everyOne) shape[question.name] = z.array(one, { required_error: missing }).refine((chosen) => values.every((value) => chosen.includes(value)), missing);
        else if (question.missing) shape[question.name] = z.array(one, { required_error: missing }).min(1, missing);
        else shape[question.name] = z.array(one).default([]);
        break;
      }
      case 'date':
        for (const part of dateParts(question.name)) shape[part] = z.string().max(10).optional();
        break;
      case 'budget':
        // Repeated fields are named with [] so that HTML validators (and people) read them as lists.
        shape['item[]'] = z.array(z.string().max(1000)).max(maximumBudgetLines).default([]);
        shape['cost[]'] = z.array(z.string().max(100)).max(maximumBudgetLines).default([]);
        break;
      case 'documents':
        // Which requested document the file being uploaded is: kept with the file, not as an answer.
        shape.documentFor = z.string().max(1000).optional();
        break;
    }
  }
  return z.object(shape);
}

function optionalText(max: number, tooLong: string) {
  return z.string().trim().max(max, tooLong).optional().transform((value) => (value ? value : undefined));
}

/** "£1,500", "1500" or "1 500" as a whole number of pounds (or people), within the question's range. */
function wholeNumber(question: Extract<Question, { kind: 'money' | 'count' }>, t: Translate) {
  const money = question.kind === 'money';
  const values = { label: question.label.replace(/\?$/, ''), min: question.min.toLocaleString('en-GB'), max: question.max.toLocaleString('en-GB') };
  return z
    .string({ required_error: question.missing })
    .trim()
    .min(1, question.missing)
    .max(20, t(money ? 'apply.amount.notWhole' : 'apply.count.notWhole', values))
    .transform((typed) => typed.replace(money ? /^£|[,\s]/g : /[,\s]/g, ''))
    .refine((digits) => /^\d+$/.test(digits), t(money ? 'apply.amount.notWhole' : 'apply.count.notWhole', values))
    .transform(Number)
    .refine((value) => value >= question.min && value <= question.max, t(money ? 'apply.amount.outOfRange' : 'apply.count.outOfRange', values));
}

export interface BudgetLine {
  item: string;
  cost: number;
}

/** The id of a budget line's field: the first line takes the question's own name, GOV.UK style. */
export const budgetFieldId = (field: 'item' | 'cost', index: number) => (index === 0 ? field : `${field}-${index + 1}`);

export type SectionAnswers = Record<string, unknown>;
export type SectionResult = { ok: true; answers: SectionAnswers } | { ok: false; errors: FieldError[] };

/**
 * Checks one section's posted fields: the schema, then what a schema cannot see alone (dates that
 * must be real, a budget that must add up to the amount asked in another section, a group the
 * fund accepts, documents uploaded).
 */
export function readSection(
  section: Section,
  fields: Record<string, unknown>,
  context: ApplicationContext,
  /** The amount asked, from the project or outline section, when it has been answered. */
  elsewhere: { amount?: number; documents: number },
): SectionResult {
  const { t } = context;
  const read = readAnswers(sectionSchema(section, context), fields);
  if (!read.ok) return read;
  const answers: SectionAnswers = { ...read.data };
  const errors: FieldError[] = [];
  for (const question of section.questions) {
    if (question.kind === 'date') {
      const parts = dateParts(question.name);
      const date = readDate(parts.map((part) => String(answers[part] ?? '')) as [string, string, string]);
      for (const part of parts) delete answers[part];
      if (date.ok) answers[question.name] = date.iso;
      else errors.push({ field: parts[0], message: t(`apply.date.${date.problem}`, { label: question.label.replace(/\?$/, '') }) });
    }
    if (question.kind === 'budget') {
      const budget = readBudget(answers['item[]'] as string[], answers['cost[]'] as string[], elsewhere.amount, t);
      delete answers['item[]'];
      delete answers['cost[]'];
      if (budget.ok) answers.budget = budget.lines;
      else errors.push(...budget.errors);
    }
    if (question.kind === 'documents') delete answers.documentFor;
    if (question.kind === 'documents' && elsewhere.documents === 0) errors.push({ field: 'document', message: t('apply.documents.missing') });
  }
  if (typeof answers.start === 'string' && daysBetween(context.today, new Date(`${answers.start}T00:00:00Z`)) < 0) {
    errors.push({ field: 'start-day', message: t('apply.start.past') });
  }
  if (typeof answers.start === 'string' && typeof answers.end === 'string' && answers.end <= answers.start) {
    errors.push({ field: 'end-day', message: t('apply.end.beforeStart') });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** A GOV.UK date input's three parts as an ISO day, or what is wrong with them. */
export function readDate([day, month, year]: [string, string, string]): { ok: true; iso: string } | { ok: false; problem: 'missing' | 'incomplete' | 'invalid' } {
  const parts = [day, month, year].map((part) => part.trim());
  if (parts.every((part) => part === '')) return { ok: false, problem: 'missing' };
  if (parts.some((part) => part === '')) return { ok: false, problem: 'incomplete' };
  if (!parts.every((part) => /^\d+$/.test(part)) || parts[2]!.length !== 4) return { ok: false, problem: 'invalid' };
  const [d, m, y] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, problem: 'invalid' };
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** Budget lines as typed (blank lines skipped), each with a thing and a whole-pound cost, adding up to the amount asked. */
export function readBudget(items: string[], costs: string[], amount: number | undefined, t: Translate): { ok: true; lines: BudgetLine[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines: BudgetLine[] = [];
  const rows = Math.max(items.length, costs.length);
  for (let index = 0; index < rows; index++) {
    const item = (items[index] ?? '').trim();
    const typedCost = (costs[index] ?? '').trim().replace(/^£|[,\s]/g, '');
    const number = index + 1;
    if (!item && !typedCost) continue;
    if (!item) errors.push({ field: budgetFieldId('item', index), message: t('apply.budget.itemMissing', { number }) });
    else if (item.length > 150) errors.push({ field: budgetFieldId('item', index), message: t('apply.budget.itemTooLong', { number }) });
    if (!typedCost) errors.push({ field: budgetFieldId('cost', index), message: t('apply.budget.costMissing', { number }) });
    else if (!/^\d{1,9}$/.test(typedCost)) errors.push({ field: budgetFieldId('cost', index), message: t('apply.budget.costInvalid', { number }) });
    else if (item) lines.push({ item, cost: Number(typedCost) });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [{ field: 'item', message: t('apply.budget.missing') }] };
  if (amount === undefined) return { ok: false, errors: [{ field: 'item', message: t('apply.budget.noAmount') }] };
  const total = lines.reduce((sum, line) => sum + line.cost, 0);
  if (total !== amount) {
    return { ok: false, errors: [{ field: 'cost', message: t('apply.budget.mismatch', { total: total.toLocaleString('en-GB'), amount: amount.toLocaleString('en-GB') }) }] };
  }
  return { ok: true, lines };
}
