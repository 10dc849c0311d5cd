import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { type ApplicationContext, applicationSections, readBudget, readDate, readSection } from '../../src/schemas/forms/application';

const t = translator('en-GB');
const context: ApplicationContext = {
  t,
  fund: { name: 'Small Sparks', minimumAward: 50, maximumAward: 500, whoCanApply: ['community-group'], eligibleAreas: [], documents: ['A quote'], bankAccountNeeded: true },
  areas: [{ value: 'wisbech', label: 'Wisbech' }, { value: 'march', label: 'March' }],
  audiences: [{ value: 'older-people', label: 'Older people' }],
  today: new Date('2026-11-24T00:00:00Z'),
};
const section = (stage: 'outline' | 'full', id: string) => applicationSections(stage, context).find((candidate) => candidate.id === id)!;
const none = { documents: 0 };

describe('the sections an application asks', () => {
  it('says a bank account in the group’s name is needed only when the fund says so', () => {
    const hint = (bankAccountNeeded: boolean) => {
      const sections = applicationSections('full', { ...context, fund: { ...context.fund, bankAccountNeeded } });
      const question = sections.find((candidate) => candidate.id === 'your-group')!.questions.find((candidate) => candidate.name === 'bankAccount');
      return question && 'hint' in question ? question.hint : undefined;
    };
    expect(hint(true)).toContain('We can only pay grants into a bank account in the group’s name');
    expect(hint(false)).toContain('You do not need one for this fund');
  });

  it('a one-stage fund asks for the full application, with documents when the fund lists some', () => {
    expect(applicationSections('full', context).map((candidate) => candidate.id)).toEqual(['your-group', 'contact', 'project', 'where-and-who', 'community', 'budget', 'timeline', 'documents', 'declarations']);
    expect(applicationSections('full', { ...context, fund: { ...context.fund, documents: [] } }).map((candidate) => candidate.id)).not.toContain('documents');
  });

  it('an outline proposal is shorter and has no budget', () => {
    expect(applicationSections('outline', context).map((candidate) => candidate.id)).toEqual(['your-group', 'contact', 'outline', 'where-and-who', 'declarations']);
  });

  it('only the fund’s own areas are offered when it has some', () => {
    const where = applicationSections('full', { ...context, fund: { ...context.fund, eligibleAreas: ['march'] } }).find((candidate) => candidate.id === 'where-and-who')!;
    const areas = where.questions.find((question) => question.name === 'areas');
    expect(areas?.kind === 'choice' && areas.options.map((option) => option.value)).toEqual(['march']);
  });
});

describe('checking a section', () => {
  it('the amount asked must be whole pounds within the fund’s minimum and maximum', () => {
    const project = { projectTitle: 'Shed', projectType: 'equipment', projectSummary: 'A shed', need: 'Asked for' };
    expect(readSection(section('full', 'project'), { ...project, amount: '£1,200' }, context, none)).toEqual({ ok: false, errors: [{ field: 'amount', message: 'How much are you asking for must be between £50 and £500' }] });
    expect(readSection(section('full', 'project'), { ...project, amount: '12.50' }, context, none)).toMatchObject({ ok: false, errors: [{ field: 'amount', message: 'How much are you asking for must be an amount in whole pounds, like 1500' }] });
    expect(readSection(section('full', 'project'), { ...project, amount: '£450' }, context, none)).toMatchObject({ ok: true, answers: { amount: 450 } });
  });

  it('a kind of group the fund does not take is refused with the reason', () => {
    const result = readSection(section('full', 'your-group'), { groupName: 'Friends', organisationType: 'charity', bankAccount: 'yes' }, context, none);
    expect(result).toEqual({ ok: false, errors: [{ field: 'organisationType', message: 'This fund does not accept applications from registered charities. Check which funds your group can apply for' }] });
  });

  it('a field the form does not have makes the post invalid', () => {
    expect(readSection(section('full', 'contact'), { contactName: 'Sam', contactEmail: 'sam@example.org', contactPhone: '01632 960 123', admin: 'yes' }, context, none)).toMatchObject({ ok: false });
  });

  it('every declaration must be ticked', () => {
    const declarations = section('full', 'declarations');
    expect(readSection(declarations, { declarations: ['true', 'data'], declarantName: 'Sam' }, context, none)).toMatchObject({ ok: false, errors: [{ field: 'declarations' }] });
    expect(readSection(declarations, { declarations: ['true', 'authorised', 'data'], declarantName: 'Sam' }, context, none)).toMatchObject({ ok: true });
  });

  it('the project cannot start in the past or finish before it starts', () => {
    const timeline = section('full', 'timeline');
    const dates = (start: string[], end: string[]) => ({ 'start-day': start[0], 'start-month': start[1], 'start-year': start[2], 'end-day': end[0], 'end-month': end[1], 'end-year': end[2], milestones: 'Steps' });
    expect(readSection(timeline, dates(['1', '1', '2026'], ['1', '2', '2027']), context, none)).toMatchObject({ ok: false, errors: [{ field: 'start-day', message: 'The start date must be today or in the future' }] });
    expect(readSection(timeline, dates(['1', '3', '2027'], ['1', '2', '2027']), context, none)).toMatchObject({ ok: false, errors: [{ field: 'end-day', message: 'The finish date must be after the start date' }] });
    expect(readSection(timeline, dates(['1', '3', '2027'], ['1', '9', '2027']), context, none)).toMatchObject({ ok: true, answers: { start: '2027-03-01', end: '2027-09-01', milestones: 'Steps' } });
  });

  it('documents are needed when the fund asks for them', () => {
    expect(readSection(section('full', 'documents'), {}, context, { documents: 0 })).toMatchObject({ ok: false, errors: [{ field: 'document' }] });
    expect(readSection(section('full', 'documents'), {}, context, { documents: 1 })).toEqual({ ok: true, answers: {} });
  });
});

describe('a date typed in three boxes', () => {
  it('is a real day, or says what is wrong', () => {
    expect(readDate(['29', '2', '2028'])).toEqual({ ok: true, iso: '2028-02-29' });
    expect(readDate(['29', '2', '2027'])).toEqual({ ok: false, problem: 'invalid' });
    expect(readDate(['', '', ''])).toEqual({ ok: false, problem: 'missing' });
    expect(readDate(['1', '', '2027'])).toEqual({ ok: false, problem: 'incomplete' });
    expect(readDate(['1', '2', '27'])).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('budget lines', () => {
  it('must add up to the amount asked', () => {
    expect(readBudget(['Shed', 'Trays', ''], ['300', '£150', ''], 450, t)).toEqual({ ok: true, lines: [{ item: 'Shed', cost: 300 }, { item: 'Trays', cost: 150 }] });
    expect(readBudget(['Shed'], ['300'], 450, t)).toEqual({ ok: false, errors: [{ field: 'cost', message: 'Your budget lines add up to £300 but you are asking for £450. Change the costs, or the amount you ask for in “Your project”' }] });
  });

  it('point at the line that is incomplete', () => {
    expect(readBudget(['Shed', '', 'Paint'], ['300', '20', ''], 320, t)).toEqual({
      ok: false,
      errors: [{ field: 'item-2', message: 'Enter what line 2 is for' }, { field: 'cost-3', message: 'Enter the cost of line 3' }],
    });
  });

  it('need at least one line, and the amount asked first', () => {
    expect(readBudget(['', ''], ['', ''], 100, t)).toMatchObject({ ok: false, errors: [{ field: 'item', message: 'Enter at least one thing you will spend the grant on' }] });
    expect(readBudget(['Shed'], ['100'], undefined, t)).toMatchObject({ ok: false, errors: [{ field: 'item' }] });
  });
});
