/** The panel's fairness rules: when a member sees an application, which documents, and declaring a conflict of interest before scoring. */
import { describe, expect, it } from 'vitest';
import { documentKindFor, mayOpenDocument, panelMaySeeApplication, readDeclaration, scoringStanding } from '../../src/staff/panel';

const withPanel = new Date('2026-11-20T10:00:00Z');
const form = (entries: Record<string, string>) => new URLSearchParams(entries);
const messages = { choiceMissing: 'choose', noteMissing: 'say what', noteTooLong: 'too long' };

describe('when a panel member sees an application', () => {
  it('sees one in their round once it is with the panel, and still after the decision', () => {
    expect(panelMaySeeApplication({ assigned: true, withPanelSince: withPanel })).toBe(true);
    expect(panelMaySeeApplication({ assigned: true, withPanelSince: withPanel, declaration: { conflict: false } })).toBe(true);
  });

  it('does not see one still with the officers (received, checked, assessed)', () => {
    expect(panelMaySeeApplication({ assigned: true, withPanelSince: null })).toBe(false);
  });

  it('does not see one in a round not assigned to them', () => {
    expect(panelMaySeeApplication({ assigned: false, withPanelSince: withPanel })).toBe(false);
  });

  it('does not see one they declared a conflict of interest with', () => {
    expect(panelMaySeeApplication({ assigned: true, withPanelSince: withPanel, declaration: { conflict: true } })).toBe(false);
  });
});

describe('which documents a viewer may open', () => {
  const fund = { documents: ['Your constitution', 'Your latest bank statement', 'Your annual accounts'], financialDocuments: ['Your latest bank statement', 'Your annual accounts'] };

  it('marks an upload by the requested document the applicant said it is', () => {
    expect(documentKindFor('Your latest bank statement', fund)).toBe('financial');
    expect(documentKindFor('Your annual accounts', fund)).toBe('financial');
    expect(documentKindFor('Your constitution', fund)).toBe('general');
  });

  it('leaves "something else", and a document the fund no longer lists, for staff to say', () => {
    expect(documentKindFor(undefined, fund)).toBeNull();
    expect(documentKindFor('A document since removed', fund)).toBeNull();
  });

  it('lets officers open every document', () => {
    for (const kind of ['general', 'financial', null] as const) expect(mayOpenDocument({ everyRound: true }, kind, { panelSeesFinancialDocuments: false })).toBe(true);
  });

  it('lets the panel open general documents, financial ones only when the fund says so, and none of unknown kind', () => {
    const panel = { everyRound: false };
    expect(mayOpenDocument(panel, 'general', { panelSeesFinancialDocuments: false })).toBe(true);
    expect(mayOpenDocument(panel, 'financial', { panelSeesFinancialDocuments: false })).toBe(false);
    expect(mayOpenDocument(panel, 'financial', { panelSeesFinancialDocuments: true })).toBe(true);
    expect(mayOpenDocument(panel, 'financial', undefined)).toBe(false);
    expect(mayOpenDocument(panel, null, { panelSeesFinancialDocuments: true })).toBe(false);
  });
});

describe('declaring a conflict of interest before scoring', () => {
  it('scores only after declaring no conflict', () => {
    expect(scoringStanding(undefined)).toBe('declare-first');
    expect(scoringStanding({ conflict: false })).toBe('may-score');
    expect(scoringStanding({ conflict: true })).toBe('conflict');
  });

  it('reads "no conflict", and a conflict with what it is', () => {
    expect(readDeclaration(form({ conflict: 'no', conflictNote: 'ignored' }), messages)).toEqual({ ok: true, conflict: false, note: '' });
    expect(readDeclaration(form({ conflict: 'yes', conflictNote: ' My sister chairs the group ' }), messages)).toEqual({ ok: true, conflict: true, note: 'My sister chairs the group' });
  });

  it('asks for a choice, and for what the conflict is, keeping what was typed', () => {
    expect(readDeclaration(form({}), messages)).toMatchObject({ ok: false, errors: [{ field: 'conflict', message: 'choose' }] });
    expect(readDeclaration(form({ conflict: 'maybe' }), messages)).toMatchObject({ ok: false, errors: [{ field: 'conflict' }] });
    expect(readDeclaration(form({ conflict: 'yes', conflictNote: '  ' }), messages)).toMatchObject({ ok: false, errors: [{ field: 'conflictNote', message: 'say what' }], values: { conflict: 'yes' } });
    expect(readDeclaration(form({ conflict: 'yes', conflictNote: 'x'.repeat(1001) }), messages)).toMatchObject({ ok: false, errors: [{ field: 'conflictNote', message: 'too long' }] });
  });
});
