import { z } from 'astro/zod';
import { letterOutcomes, unknownMergeFields, unknownMergeFieldsMessage } from '../rules/letters';
import { contactDetails, isoDate, reference } from './fields';
import { organisationType } from './group';
import { progressIntervals } from '../grants/schedule';

/** What a decision letter template says to fill in: {{name}}, {{group}}, {{amount}}, {{conditions}}, {{link}}. */
const letterTemplate = (describe: string) => z.string().min(20).max(10_000).optional().describe(describe);

/** The fund's own decision letters, one per outcome; the staff console starts from the hub's standard letter where one is left empty. */
export const fundLetters = z
  .object({
    funded: letterTemplate('Letter for a funded project; can use {{name}}, {{group}}, {{amount}}, {{conditions}} and {{link}} (its private link to report back)'),
    declined: letterTemplate('Letter for a declined application; can use {{name}} and {{group}}'),
    invited: letterTemplate('Letter inviting a full application after an outline; can use {{name}}, {{group}} and {{link}} (its private link to the full application)'),
    signposted: letterTemplate('Letter pointing the group to other help; can use {{name}} and {{group}}'),
  })
  .default({})
  .describe('Decision letters: the officer starts from these and can change them before sending');

/** A grant scheme. The Markdown body is its full description: purpose, what it pays for, how decisions are made. */
export const fundSchema = z
  .object({
    name: z.string().min(2).describe('Name of the fund'),
    funder: z.string().min(2).describe('Who provides the money'),
    funderOrgId: z
      .string()
      .regex(/^([A-Z]{2}-[A-Z]{2,5}-[A-Za-z0-9-]+|360G-[A-Za-z0-9-]+)$/, 'must be an org-id.guide identifier, e.g. GB-LAE-CAM or GB-CHC-1177627, or a 360G- one')
      .describe('The funder’s identifier from org-id.guide, e.g. GB-LAE-CAM for Cambridgeshire County Council; the fund’s published grants name it'),
    funderThreeSixtyGivingPrefix: z
      .string()
      .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'must be letters, digits and single hyphens, e.g. cambscc')
      .optional()
      .describe('The funder’s own 360Giving prefix, if it publishes its grants itself; otherwise the hub’s is used'),
    summary: z.string().min(10).max(300).describe('One or two sentences on what it funds'),
    opens: isoDate().optional().describe('First day applications are accepted'),
    closes: isoDate().optional().describe('Last day applications are accepted'),
    rolling: z.boolean().default(false).describe('Open all year, with no closing date'),
    minimumAward: z.number().int().min(0).describe('Smallest grant, in pounds'),
    maximumAward: z.number().int().min(1).describe('Largest grant, in pounds'),
    totalAvailable: z.number().int().min(1).optional().describe('Total money in the fund, in pounds'),
    budget: z.number().int().min(1).optional().describe('The fund’s budget for each financial year (April to March), in pounds: the KPI report shows what is committed and paid against it'),
    whoCanApply: z.array(organisationType()).min(1).describe('Kinds of organisation that can apply'),
    eligibility: z.string().min(5).describe('Who can apply, in plain words'),
    eligibleAreas: z.array(reference('areas')).default([]).describe('Where projects must be; none means anywhere in the district'),
    themes: z.array(reference('categories')).min(1).describe('What it funds (categories)'),
    paysFor: z.array(z.string()).default([]).describe('Things it will pay for'),
    doesNotPayFor: z.array(z.string()).default([]).describe('Things it will not pay for'),
    criteria: z
      .array(
        z.object({
          name: z.string().min(2).describe('Short name of the criterion, e.g. "Community need"'),
          description: z.string().min(5).describe('What the panel looks for'),
        }),
      )
      .min(1)
      .describe('Assessment criteria the panel scores'),
    stages: z.union([z.literal(1), z.literal(2)]).default(1).describe('1, or 2 for an outline proposal then a full application'),
    apply: z
      .object({
        method: z.enum(['form', 'external']).describe('Apply with our form, or on another website'),
        url: z.string().url().optional().describe('Where to apply, when it is on another website'),
      })
      .describe('How to apply'),
    documents: z.array(z.string()).default([]).describe('Documents applicants must provide'),
    financialDocuments: z
      .array(z.string())
      .default([])
      .describe('Which of the documents above are financial (bank statements, accounts), copied exactly: the panel does not see them unless the next box is ticked'),
    panelSeesFinancialDocuments: z.boolean().default(false).describe('The panel sees the financial documents too (off: only officers see bank statements and accounts)'),
    bankAccountNeeded: z.boolean().default(true).describe('Grants are paid only into a bank account in the group’s name (off when the fund can pay a supplier or another group instead)'),
    scoredByPanel: z.boolean().default(true).describe('A panel scores each application against the criteria (off when officers decide without scoring)'),
    applyMinutes: z.number().int().min(5).max(240).default(45).describe('About how many minutes the application form takes'),
    conditions: z.array(z.string().min(5)).default([]).describe('Standard conditions of every grant from this fund, shown to a funded group before it accepts its offer'),
    reporting: z
      .object({
        progress: z.enum(progressIntervals).default('none').describe('How often a funded project reports its progress until it ends: none, monthly, quarterly or six-monthly'),
        finalReportWeeks: z.number().int().min(0).max(26).default(2).describe('How many weeks after the project ends its final report is due'),
      })
      .default({})
      .describe('When funded projects report back: progress reports while they run, then a final report'),
    decisionTimeline: z.string().min(5).describe('How and when decisions are made'),
    contact: contactDetails,
    letters: fundLetters,
    lastReviewed: isoDate().describe('When the details were last checked'),
  })
  .superRefine((fund, ctx) => {
    if (fund.maximumAward < fund.minimumAward) {
      ctx.addIssue({ code: 'custom', path: ['maximumAward'], message: 'must not be less than minimumAward' });
    }
    if (fund.totalAvailable !== undefined && fund.totalAvailable < fund.maximumAward) {
      ctx.addIssue({ code: 'custom', path: ['totalAvailable'], message: 'must not be less than maximumAward, the largest grant' });
    }
    if (fund.rolling && fund.closes) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must be empty for a rolling fund, which has no closing date' });
    }
    for (const outcome of letterOutcomes) {
      const unknown = unknownMergeFields(fund.letters[outcome] ?? '', outcome);
      if (unknown.length) ctx.addIssue({ code: 'custom', path: ['letters', outcome], message: unknownMergeFieldsMessage(unknown, outcome) });
    }
    if (!fund.rolling && !fund.closes) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'is required unless the fund is rolling' });
    }
    if (fund.opens && fund.closes && fund.closes < fund.opens) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must not be before opens' });
    }
    fund.financialDocuments.forEach((document, index) => {
      if (!fund.documents.includes(document)) ctx.addIssue({ code: 'custom', path: ['financialDocuments', index], message: 'must be one of the documents listed, copied exactly' });
    });
    if (fund.apply.method === 'external' && !fund.apply.url) {
      ctx.addIssue({ code: 'custom', path: ['apply', 'url'], message: 'is required when applying on another website' });
    }
  });
export type Fund = z.output<typeof fundSchema>;
