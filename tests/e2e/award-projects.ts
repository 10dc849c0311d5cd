/**
 * For the award's end-to-end test, before its server starts: two applications to the Healthy Fenland
 * Fund from `sam@example.org`, recorded in DATA_DIR: one with the panel, for the officer to fund, and
 * one funded and accepted 85 days before the day given (YYYY-MM-DD), as the decision and the offer link
 * would have made them, so its first quarterly report is due within the fortnight. Prints both
 * references as JSON. Run with vite-node: `vite-node tests/e2e/award-projects.ts 2027-03-01`.
 */
import { openStore, storeLocation } from '../../src/store';
import { readStoreConfig } from '../../src/store/config';
import { acceptOffer } from '../../src/grants/offers';
import { recordDecision } from '../../src/store/decisions';
import { newIdempotencyKey, submit } from '../../src/store/submissions';

const day = process.argv[2] ?? '';
if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('Give the server’s day as YYYY-MM-DD');
const today = Date.parse(`${day}T12:00:00Z`);
const daysBefore = (days: number) => new Date(today - days * 24 * 60 * 60 * 1000);
const quarterly = { progress: 'quarterly' as const, finalReportWeeks: 4 };

const application = (groupName: string, received: Date) => submit(store, {
  idempotencyKey: newIdempotencyKey(),
  kind: 'application',
  fundId: 'healthy-fenland-fund',
  fundRound: '2026-10-01',
  areaId: 'wisbech',
  answers: {
    stage: 'full',
    'your-group': { groupName, organisationType: 'community-group' },
    contact: { contactName: 'Sam Example', contactEmail: 'sam@example.org', contactPhone: '01632 960 126' },
    project: { projectTitle: 'Walk and talk', projectType: 'activity', projectSummary: 'Weekly walks with a cuppa after.', amount: 2000 },
    'where-and-who': { areas: ['wisbech'], peopleReached: 60 },
    timeline: { start: '2026-12-01', end: '2027-11-30' },
  },
}, received);

const store = await openStore(storeLocation(readStoreConfig()));
try {
  const toFund = await application('Wisbech Walkers', daysBefore(20));
  const reporting = await application('Leverington Ramblers', daysBefore(120));
  await store.query("UPDATE submissions SET status = 'panel' WHERE id = ANY($1)", [[toFund.id, reporting.id]]);
  const decided = await recordDecision(store, reporting.reference, { outcome: 'funded', amount: '1500', signpostedTo: '', letter: 'Dear ramblers, yes.' }, { maximumAward: 5000, reporting: quarterly }, { system: 'end-to-end test' }, daysBefore(100));
  if (!decided.ok || !decided.offerPath) throw new Error('The second application was not funded');
  const accepted = await acceptOffer(store, decided.offerPath.split('/')[2]!, { name: 'Sam Example', role: 'Secretary' }, quarterly, daysBefore(85));
  if (!accepted.ok) throw new Error('The second offer was not accepted');
  console.log(JSON.stringify({ toFund: toFund.reference, reporting: reporting.reference }));
} finally {
  await store.close();
}
