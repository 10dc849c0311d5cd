/**
 * For end-to-end tests, before their server starts: an application from `pat@example.org` recorded
 * in DATA_DIR, funded, with its feedback link requested as the decision would; prints the reference
 * and the link's path as JSON. Run with vite-node (which bundles the migrations as the server build
 * does): `vite-node tests/e2e/funded-project.ts`.
 */
import { openStore, storeLocation } from '../../src/store';
import { readStoreConfig } from '../../src/store/config';
import { currentTime } from '../../src/rules/clock';
import { requestFeedback } from '../../src/store/feedback';
import { newIdempotencyKey, submit } from '../../src/store/submissions';

const store = await openStore(storeLocation(readStoreConfig()));
try {
  const receipt = await submit(store, {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application',
    fundId: 'small-sparks',
    fundRound: 'rolling',
    areaId: 'march',
    answers: {
      stage: 'full',
      'your-group': { groupName: 'March <b>Picnic</b> Club', organisationType: 'community-group' },
      contact: { contactName: 'Pat Example', contactEmail: 'pat@example.org', contactPhone: '01632 960 125' },
      project: { projectTitle: 'Picnic kit', projectType: 'equipment', projectSummary: 'Tables and a gazebo.', amount: 200 },
      'where-and-who': { areas: ['march'], peopleReached: 25 },
    },
    notifications: () => [{ purpose: 'applicant-confirmation', to: 'pat@example.org', subject: 'Application received', text: 'Thank you, Pat.' }],
  });
  await store.query("UPDATE submissions SET status = 'funded' WHERE id = $1", [receipt.id]);
  const { path } = await store.transaction((tx) => requestFeedback(tx, receipt, currentTime()));
  console.log(JSON.stringify({ reference: receipt.reference, path }));
} finally {
  await store.close();
}
