/**
 * What keeps the panel fair, as rules: a member sees an application only once it is with the panel and
 * only while they have declared no conflict of interest with it; they score it only after declaring;
 * and of its documents they see the general ones, the financial ones (bank statements, accounts) only
 * when the fund says so, and none that nobody has yet said the kind of. Pure.
 */
import type { FieldError } from '../forms/answers';

/** What a document is, for who may see it: financial (bank statements, accounts) or anything else. */
export const documentKinds = ['general', 'financial'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const isDocumentKind = (value: unknown): value is DocumentKind => (documentKinds as readonly unknown[]).includes(value);

/**
 * The kind of an uploaded file from the requested document the applicant said it is: financial when
 * the fund lists that document among its financial ones; unknown ("something else", or a document the
 * fund no longer lists) until staff say.
 */
export function documentKindFor(document: string | undefined, fund: { documents: readonly string[]; financialDocuments: readonly string[] }): DocumentKind | null {
  if (!document || !fund.documents.includes(document)) return null;
  return fund.financialDocuments.includes(document) ? 'financial' : 'general';
}

/** Who is looking, as far as the panel's rules care: officers and administrators see every round. */
export interface PanelViewer {
  everyRound: boolean;
}

/** Where an application stands for one panel member. */
export interface PanelStanding {
  /** In a fund round assigned to them. */
  assigned: boolean;
  /** When it first went to the panel; null while officers are still checking it. */
  withPanelSince: Date | null;
  /** Their declaration on it, if they have made one. */
  declaration?: { conflict: boolean };
}

/** Whether a panel member may see an application: assigned to its round, once it is with the panel, and never after declaring a conflict. */
export function panelMaySeeApplication(standing: PanelStanding): boolean {
  return standing.assigned && standing.withPanelSince !== null && standing.declaration?.conflict !== true;
}

/** Whether the viewer may open a document of an application they may see. */
export function mayOpenDocument(viewer: PanelViewer, kind: DocumentKind | null, fund: { panelSeesFinancialDocuments: boolean } | undefined): boolean {
  if (viewer.everyRound) return true;
  if (kind === 'general') return true;
  return kind === 'financial' && fund?.panelSeesFinancialDocuments === true;
}

export type ScoringStanding = 'declare-first' | 'conflict' | 'may-score';

/** Whether a member may score yet: only once they have declared, and never with a conflict. */
export function scoringStanding(declaration: { conflict: boolean } | undefined): ScoringStanding {
  if (!declaration) return 'declare-first';
  return declaration.conflict ? 'conflict' : 'may-score';
}

export const declarationNoteLimit = 1000;

export type DeclarationMessages = { choiceMissing: string; noteMissing: string; noteTooLong: string };

export type DeclarationForm = { ok: true; conflict: boolean; note: string } | { ok: false; errors: FieldError[]; values: { conflict: string; note: string } };

/** Reads a member's declaration: "no conflict", or "a conflict" with what it is in their words. */
export function readDeclaration(form: { get(name: string): unknown }, messages: DeclarationMessages): DeclarationForm {
  const choice = String(form.get('conflict') ?? '');
  const note = String(form.get('conflictNote') ?? '').trim();
  const values = { conflict: choice, note: note.slice(0, declarationNoteLimit * 2) };
  if (choice === 'no') return { ok: true, conflict: false, note: '' };
  if (choice !== 'yes') return { ok: false, errors: [{ field: 'conflict', message: messages.choiceMissing }], values };
  if (!note) return { ok: false, errors: [{ field: 'conflictNote', message: messages.noteMissing }], values };
  if (note.length > declarationNoteLimit) return { ok: false, errors: [{ field: 'conflictNote', message: messages.noteTooLong }], values };
  return { ok: true, conflict: true, note };
}
