import { describe, expect, it } from 'vitest';
import { type Answers, type FundTerms, parseAmount, readAnswers, reasonsNotToApply, sortByEligibility, themesWithParents } from '../../src/rules/eligibility';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const healthyFenland: FundTerms = {
  status: 'open',
  opens: day('2026-10-01'),
  closes: day('2027-02-28'),
  minimumAward: 250,
  maximumAward: 5000,
  whoCanApply: ['community-group', 'charity', 'parish-council'],
  eligibleAreas: [],
  themes: ['mental-health', 'health-and-wellbeing'],
};
const noAnswers: Answers = { themes: [] };

describe('whether a group could apply to a fund', () => {
  it('fits when every answer matches and the fund is open', () => {
    expect(reasonsNotToApply({ organisation: 'charity', area: 'march', amount: 1500, themes: ['health-and-wellbeing'] }, healthyFenland)).toEqual([]);
  });

  it('fits any open fund when no question is answered', () => {
    expect(reasonsNotToApply(noAnswers, healthyFenland)).toEqual([]);
    expect(reasonsNotToApply(noAnswers, { ...healthyFenland, status: 'rolling' })).toEqual([]);
    expect(reasonsNotToApply(noAnswers, { ...healthyFenland, status: 'closing-soon' })).toEqual([]);
  });

  it('does not fit a closed fund, or one not open yet, whatever the answers', () => {
    expect(reasonsNotToApply(noAnswers, { ...healthyFenland, status: 'closed' })).toEqual([{ kind: 'closed', closes: day('2027-02-28') }]);
    expect(reasonsNotToApply(noAnswers, { ...healthyFenland, status: 'opens-soon' })).toEqual([{ kind: 'not-open-yet', opens: day('2026-10-01') }]);
    expect(reasonsNotToApply(noAnswers, { ...healthyFenland, status: 'not-open-yet' })).toEqual([{ kind: 'not-open-yet', opens: day('2026-10-01') }]);
  });

  it('does not fit when that kind of organisation cannot apply', () => {
    expect(reasonsNotToApply({ ...noAnswers, organisation: 'business' }, healthyFenland)).toEqual([{ kind: 'organisation', organisation: 'business' }]);
  });

  it('does not fit a project outside the fund’s areas, and any area fits a district-wide fund', () => {
    const wisbechOnly = { ...healthyFenland, eligibleAreas: ['wisbech', 'wisbech-st-mary'] };
    expect(reasonsNotToApply({ ...noAnswers, area: 'march' }, wisbechOnly)).toEqual([{ kind: 'area', eligibleAreas: ['wisbech', 'wisbech-st-mary'] }]);
    expect(reasonsNotToApply({ ...noAnswers, area: 'wisbech' }, wisbechOnly)).toEqual([]);
    expect(reasonsNotToApply({ ...noAnswers, area: 'march' }, healthyFenland)).toEqual([]);
  });

  it('does not fit an amount below the smallest grant or above the largest, and fits both limits exactly', () => {
    expect(reasonsNotToApply({ ...noAnswers, amount: 249 }, healthyFenland)).toEqual([{ kind: 'amount-too-small', minimumAward: 250 }]);
    expect(reasonsNotToApply({ ...noAnswers, amount: 5001 }, healthyFenland)).toEqual([{ kind: 'amount-too-large', maximumAward: 5000 }]);
    expect(reasonsNotToApply({ ...noAnswers, amount: 250 }, healthyFenland)).toEqual([]);
    expect(reasonsNotToApply({ ...noAnswers, amount: 5000 }, healthyFenland)).toEqual([]);
  });

  it('does not fit when it funds none of the project’s themes, and fits when it funds any of them', () => {
    expect(reasonsNotToApply({ ...noAnswers, themes: ['community-buildings'] }, healthyFenland)).toEqual([{ kind: 'theme', themes: ['community-buildings'] }]);
    expect(reasonsNotToApply({ ...noAnswers, themes: ['community-buildings', 'health-and-wellbeing'] }, healthyFenland)).toEqual([]);
  });

  it('gives every reason at once, so the group sees all that stands in the way', () => {
    const reasons = reasonsNotToApply({ organisation: 'business', area: 'march', amount: 20000, themes: ['getting-around'] }, { ...healthyFenland, status: 'closed', eligibleAreas: ['wisbech'] });
    expect(reasons.map((reason) => reason.kind)).toEqual(['closed', 'organisation', 'area', 'amount-too-large', 'theme']);
  });

  it('splits funds into those that fit and those that do not, keeping their order', () => {
    const funds = [
      { id: 'a', terms: healthyFenland },
      { id: 'b', terms: { ...healthyFenland, status: 'closed' as const } },
      { id: 'c', terms: { ...healthyFenland, maximumAward: 500 } },
      { id: 'd', terms: healthyFenland },
    ];
    const { fit, doNotFit } = sortByEligibility({ ...noAnswers, amount: 1000 }, funds, (fund) => fund.terms);
    expect(fit.map((fund) => fund.id)).toEqual(['a', 'd']);
    expect(doNotFit.map(({ fund, reasons }) => [fund.id, reasons.map((reason) => reason.kind)])).toEqual([['b', ['closed']], ['c', ['amount-too-large']]]);
  });
});

describe('a fund’s themes', () => {
  it('include each theme’s parent category, once', () => {
    const parentOf = new Map([['mental-health', 'health-and-wellbeing'], ['physical-activity', 'health-and-wellbeing'], ['health-and-wellbeing', undefined]]);
    expect(themesWithParents(['mental-health', 'physical-activity', 'health-and-wellbeing'], parentOf)).toEqual(['mental-health', 'health-and-wellbeing', 'physical-activity']);
  });
});

describe('reading the answers from the address', () => {
  const options = { areas: ['march', 'wisbech'], themes: ['health-and-wellbeing', 'community-buildings'] };
  const read = (query: string) => readAnswers(new URLSearchParams(query), options);

  it('has nothing asked on a first visit', () => {
    expect(read('')).toMatchObject({ asked: false, answers: noAnswers, errors: [] });
  });

  it('reads every answer, and an empty form still counts as asked', () => {
    expect(read('organisation=charity&area=march&amount=%C2%A31%2C500&theme=health-and-wellbeing&theme=community-buildings')).toMatchObject({
      asked: true,
      answers: { organisation: 'charity', area: 'march', amount: 1500, themes: ['health-and-wellbeing', 'community-buildings'] },
      errors: [],
    });
    expect(read('amount=')).toMatchObject({ asked: true, answers: noAnswers, errors: [] });
  });

  it('reports an amount that is not money, and keeps what was typed to show it back', () => {
    expect(read('amount=lots')).toMatchObject({ asked: true, answers: noAnswers, chosen: { amount: 'lots' }, errors: [{ question: 'amount', problem: 'amount-not-a-number' }] });
    expect(read('amount=0').errors).toEqual([{ question: 'amount', problem: 'amount-zero' }]);
    expect(read('amount=20000000').errors).toEqual([{ question: 'amount', problem: 'amount-too-large' }]);
  });

  it('reports a choice that was never offered, and keeps the other answers', () => {
    const { answers, errors } = read('organisation=pirates&area=atlantis&theme=treasure&theme=community-buildings&amount=500');
    expect(errors).toEqual([
      { question: 'organisation', problem: 'not-an-option' },
      { question: 'area', problem: 'not-an-option' },
      { question: 'theme', problem: 'not-an-option' },
    ]);
    expect(answers).toEqual({ amount: 500, themes: ['community-buildings'] });
  });
});

describe('an amount of money as typed', () => {
  it.each([
    ['1500', 1500],
    ['£1,500', 1500],
    [' 1 500 ', 1500],
    ['250.50', 251],
    ['£2,000.00', 2000],
  ])('reads "%s" as £%i', (text, pounds) => {
    expect(parseAmount(text)).toBe(pounds);
  });

  it.each(['', 'lots', '-50', '1.5.0', '£', '12e3'])('does not read "%s"', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});
