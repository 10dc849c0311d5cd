/**
 * For the KPI end-to-end story, before its server starts: a two-stage case on the Cambridgeshire
 * Communities Innovation Fund recorded in DATA_DIR as the console would leave it: an outline invited to
 * apply in full (with the invitation's draft and letter), and the full application made from it,
 * funded. With KPI_HEALTHY_BY_STORE=1 (on a test day when the Healthy Fenland Fund's form is closed),
 * a Healthy Fenland application too, with the answers the public form would have kept. Prints the
 * references as JSON. Run with vite-node (which bundles the migrations as the server build does):
 * `vite-node tests/e2e/kpi-two-stage.ts`.
 */
import { openStore, storeLocation } from '../../src/store';
import { readStoreConfig } from '../../src/store/config';
import { recordDecision } from '../../src/store/decisions';
import { newIdempotencyKey, submit } from '../../src/store/submissions';

const fundId = 'cambridgeshire-communities-innovation-fund';
const group = { groupName: 'Whittlesey Timebank', organisationType: 'charity', registeredNumber: '1122334', bankAccount: 'yes' };
const contact = { contactName: 'Robin Example', contactEmail: 'robin@example.org', contactPhone: '01632 960 127' };
const where = { areas: ['whittlesey'], peopleReached: 200 };
const actor = { system: 'kpi end-to-end set-up' };
const fund = { maximumAward: 50000, name: 'Cambridgeshire Communities Innovation Fund', stages: 2 as const };

const store = await openStore(storeLocation(readStoreConfig()));
try {
  const outline = await submit(store, {
    idempotencyKey: newIdempotencyKey(), kind: 'application', fundId, fundRound: '2026-09-01', areaId: 'whittlesey',
    answers: { stage: 'outline', 'your-group': group, contact, outline: { projectTitle: 'Fen skills exchange', outlineSummary: 'Neighbours swap skills by the hour.', amount: 20000 }, 'where-and-who': where },
  });
  await store.query("UPDATE submissions SET status = 'panel' WHERE id = $1", [outline.id]);
  const invited = await recordDecision(store, outline.reference, { outcome: 'invited', amount: '', signpostedTo: '', letter: 'Please apply in full.' }, fund, actor);
  if (!invited.ok) throw new Error(`The outline was not invited: ${JSON.stringify(invited)}`);
  const full = await submit(store, {
    idempotencyKey: newIdempotencyKey(), kind: 'application', fundId, fundRound: '2026-09-01', areaId: 'whittlesey',
    answers: {
      stage: 'full', invitedFrom: outline.reference, 'your-group': group, contact, 'where-and-who': where,
      project: { projectTitle: 'Fen skills exchange', projectType: 'new-activity', projectSummary: 'A timebank where neighbours swap skills by the hour.', need: 'People are isolated.', amount: 18000 },
    },
  });
  await store.query("UPDATE submissions SET status = 'panel' WHERE id = $1", [full.id]);
  const funded = await recordDecision(store, full.reference, { outcome: 'funded', amount: '15000', signpostedTo: '', letter: 'We are pleased to fund the timebank.' }, fund, actor);
  if (!funded.ok) throw new Error(`The full application was not funded: ${JSON.stringify(funded)}`);
  const healthy = process.env.KPI_HEALTHY_BY_STORE === '1'
    ? await submit(store, {
        idempotencyKey: newIdempotencyKey(), kind: 'application', fundId: 'healthy-fenland-fund', fundRound: '2026-10-01', areaId: 'march',
        answers: {
          stage: 'full', 'your-group': { groupName: 'Fenland Walkers', organisationType: 'community-group', bankAccount: 'yes' }, contact,
          project: { projectTitle: 'Picnic kit', projectType: 'equipment', projectSummary: 'Tables and a gazebo for summer picnics.', need: 'No shade in the park.', amount: 1200 },
          'where-and-who': { areas: ['march'], peopleReached: 25 },
        },
      })
    : undefined;
  console.log(JSON.stringify({ outline: outline.reference, full: full.reference, healthy: healthy?.reference }));
} finally {
  await store.close();
}
