/**
 * An application's answers as staff read them: each section of the journey with its questions'
 * labels (the same ones the applicant saw) and the answers as lines of text. The contact section and
 * the declarant's name are left out for those who may not see them. Pure.
 */
import type { Translate } from '../i18n';
import type { BudgetLine, Question, Section } from '../schemas/forms/application';

export interface AnswerSection {
  id: string;
  title: string;
  rows: { label: string; lines: string[] }[];
}

const pounds = (value: number) => `£${value.toLocaleString('en-GB')}`;

/** The answers that name or reach a person: shown only to those who may see contact details. */
export const isPersonalAnswer = (section: string, field: string): boolean => section === 'contact' || (section === 'declarations' && field === 'declarantName');

/** What to show for one answer, as lines of text (none when it was not given). */
export function answerLines(question: Question, answers: Record<string, unknown>, t: Translate): string[] {
  const value = answers[question.name];
  switch (question.kind) {
    case 'money':
      return typeof value === 'number' ? [pounds(value)] : [];
    case 'count':
      return typeof value === 'number' ? [value.toLocaleString('en-GB')] : [];
    case 'choice': {
      const chosen = (Array.isArray(value) ? value : value ? [value] : []).map(String);
      // A value no longer among the options (renamed since) is shown as stored rather than lost.
      return chosen.map((item) => question.options.find((option) => option.value === item)?.label ?? item);
    }
    case 'budget': {
      const lines = Array.isArray(answers.budget) ? (answers.budget as BudgetLine[]) : [];
      const total = lines.reduce((sum, line) => sum + line.cost, 0);
      return lines.length > 0 ? [...lines.map((line) => `${line.item}: ${pounds(line.cost)}`), `${t('apply.budget.total')}: ${pounds(total)}`] : [];
    }
    case 'documents':
      return []; // listed with their download links instead
    default:
      return typeof value === 'string' && value !== '' ? [value] : [];
  }
}

/** Each answer's heading in a spreadsheet, by `section.field`: "Your group: Name of your group", from the journeys given (both stages, so every question has one). */
export function answerColumnTitles(journeys: readonly (readonly Section[])[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const sections of journeys) {
    for (const section of sections) for (const question of section.questions) if (!titles.has(`${section.id}.${question.name}`)) titles.set(`${section.id}.${question.name}`, `${section.title}: ${question.label}`);
  }
  return titles;
}

/** The sections to show, in the journey's order, each with its answered and unanswered questions. */
export function answerSections(sections: readonly Section[], answers: Record<string, unknown>, t: Translate, options: { showContact: boolean }): AnswerSection[] {
  return sections
    .filter((section) => section.id !== 'documents' && (options.showContact || section.id !== 'contact'))
    .map((section) => {
      const given = answers[section.id];
      const sectionAnswers = given && typeof given === 'object' ? (given as Record<string, unknown>) : {};
      const shown = section.questions.filter((question) => options.showContact || !isPersonalAnswer(section.id, question.name));
      return { id: section.id, title: section.title, rows: shown.map((question) => ({ label: question.label, lines: answerLines(question, sectionAnswers, t) })) };
    });
}
