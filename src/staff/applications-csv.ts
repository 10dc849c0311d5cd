/**
 * Every application as one spreadsheet row: what staff filter by, the decision, then each answer as a
 * column (lists joined with "; ", budget lines as "item: £cost"). Columns are headed with the titles
 * given (the questions as applicants saw them, "Your group: Name of your group"), or section.field
 * for an answer no question names any more. Contact details and the declarant's name only for roles
 * that may see them. Pure.
 */
import { sectionIds } from '../schemas/forms/application';
import { isPersonalAnswer } from './application-view';
import { toCsv } from './csv';

export interface ExportedApplication {
  reference: string;
  fundId: string | null;
  fundRound: string | null;
  areaId: string | null;
  status: string;
  receivedAt: Date;
  answers: Record<string, unknown>;
  decision: { outcome: string; amountAwarded: number | null; decidedAt: Date } | null;
}

const cell = (value: unknown): string | number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.map((item) => (item && typeof item === 'object' && 'item' in item && 'cost' in item ? `${String(item.item)}: £${Number(item.cost).toLocaleString('en-GB')}` : String(item))).join('; ');
  }
  return value === null || value === undefined ? '' : JSON.stringify(value);
};

const sections = (answers: Record<string, unknown>) =>
  Object.entries(answers).filter((entry): entry is [string, Record<string, unknown>] => !!entry[1] && typeof entry[1] === 'object' && !Array.isArray(entry[1]));

/** The columns before the answers, by their keys; `titles` gives each its heading. */
export const fixedColumns = ['reference', 'fund', 'round', 'area', 'status', 'received', 'decision', 'amount_awarded', 'decided'] as const;

export function applicationsCsv(applications: readonly ExportedApplication[], options: { showContact: boolean; titles?: ReadonlyMap<string, string> }): string {
  const order = (section: string) => {
    const index = (sectionIds as readonly string[]).indexOf(section);
    return index === -1 ? sectionIds.length : index;
  };
  const answerColumns: [string, string][] = [];
  const seen = new Set<string>();
  for (const application of applications) {
    for (const [section, fields] of sections(application.answers)) {
      for (const field of Object.keys(fields)) {
        const name = `${section}.${field}`;
        if (seen.has(name) || (!options.showContact && isPersonalAnswer(section, field))) continue;
        seen.add(name);
        answerColumns.push([section, field]);
      }
    }
  }
  // Stable: columns keep the journey's section order, and within a section the order answers were first met.
  answerColumns.sort((a, b) => order(a[0]) - order(b[0]));
  const title = (key: string) => options.titles?.get(key) ?? key;
  const header = [...fixedColumns.map(title), ...answerColumns.map(([section, field]) => title(`${section}.${field}`))];
  const rows = applications.map((application) => {
    const answers = application.answers;
    const read = (section: string, field: string) => {
      const part = answers[section];
      return part && typeof part === 'object' ? (part as Record<string, unknown>)[field] : undefined;
    };
    return [
      application.reference,
      application.fundId,
      application.fundRound,
      application.areaId,
      application.status,
      application.receivedAt.toISOString(),
      application.decision?.outcome,
      application.decision?.amountAwarded,
      application.decision?.decidedAt.toISOString(),
      ...answerColumns.map(([section, field]) => cell(read(section, field))),
    ];
  });
  return toCsv(header, rows);
}
