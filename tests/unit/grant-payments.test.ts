import { describe, expect, it } from 'vitest';
import { checkPayment, typedDay, wholePounds } from '../../src/staff/payments';

const now = new Date('2026-12-06T23:30:00Z');
const grant = { awarded: 1500, paid: 1000, decidedAt: new Date('2026-10-20T14:00:00Z') };
const typed = (day: string, month: string, year: string, amount: string) => ({ day, month, year, amount });

describe('a payment an officer records on a grant', () => {
  it('is taken as a UK day and whole pounds, however the pounds are written', () => {
    expect(checkPayment(typed('6', '12', '2026', '£500'), grant, now)).toEqual({ ok: true, payment: { paidOn: '2026-12-06', amount: 500 } });
    expect(wholePounds('1,500')).toBe(1500);
    expect(wholePounds('12.50')).toBeUndefined();
  });

  it('is refused when it would pay more than the award, saying how much is left', () => {
    expect(checkPayment(typed('1', '12', '2026', '501'), grant, now)).toEqual({ ok: false, errors: [{ field: 'amount', problem: 'amountTooMuch', left: 500 }] });
  });

  it('is refused on a day still to come in the UK, before the award, or not a real day', () => {
    // 23:30 UTC on 6 December is still 6 December in the UK (GMT): the 7th is tomorrow.
    expect(checkPayment(typed('7', '12', '2026', '100'), grant, now)).toMatchObject({ ok: false, errors: [{ field: 'paidOn', problem: 'dateFuture' }] });
    expect(checkPayment(typed('19', '10', '2026', '100'), grant, now)).toMatchObject({ ok: false, errors: [{ field: 'paidOn', problem: 'dateBeforeAward' }] });
    expect(checkPayment(typed('31', '11', '2026', '100'), grant, now)).toMatchObject({ ok: false, errors: [{ field: 'paidOn', problem: 'dateNotReal' }] });
    expect(typedDay('29', '2', '2028')).toBe('2028-02-29');
  });

  it('names every problem at once, in the form’s order', () => {
    expect(checkPayment(typed('', '', '', ''), grant, now)).toEqual({ ok: false, errors: [{ field: 'paidOn', problem: 'dateMissing' }, { field: 'amount', problem: 'amountMissing' }] });
    expect(checkPayment(typed('1', '12', '2026', '0'), grant, now)).toMatchObject({ ok: false, errors: [{ field: 'amount', problem: 'amountNotWhole' }] });
  });

  it('cannot be made on an application that was not funded', () => {
    expect(checkPayment(typed('1', '12', '2026', '100'), { awarded: null, paid: 0, decidedAt: null }, now)).toEqual({ ok: false, errors: [{ field: 'amount', problem: 'notFunded' }] });
  });
});
