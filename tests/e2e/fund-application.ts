/**
 * For the reports end-to-end test, between its two server starts: moves the application REFERENCE (sent
 * through the public form) to "assessed" and "panel" as an officer would, and records it funded with
 * AMOUNT pounds, in DATA_DIR. Stands in for the officer's decision form until the test drives that.
 * Run with vite-node: `REFERENCE=… AMOUNT=150 vite-node tests/e2e/fund-application.ts`.
 */
import { openStore, storeLocation } from '../../src/store';
import { readStoreConfig } from '../../src/store/config';
import { recordChange } from '../../src/store/staff';

const reference = process.env.REFERENCE ?? '';
const amount = Number(process.env.AMOUNT ?? '150');
const store = await openStore(storeLocation(readStoreConfig()));
try {
  await store.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; status: string }>("SELECT id, status FROM submissions WHERE reference = $1 AND kind = 'application'", [reference]);
    if (!row) throw new Error(`No application ${reference}`);
    let status = row.status;
    for (const next of ['eligibility-checked', 'assessed', 'panel', 'funded']) {
      await recordChange(tx, { commandLine: true }, { action: 'application.status', subjectType: 'submission', subjectId: row.id, before: { status }, after: { status: next } });
      status = next;
    }
    await tx.query("UPDATE submissions SET status = 'funded', updated_at = now() WHERE id = $1", [row.id]);
    await tx.query("INSERT INTO decisions (submission_id, outcome, amount_awarded, letter) VALUES ($1, 'funded', $2, 'We are pleased to fund your project.')", [row.id, amount]);
  });
} finally {
  await store.close();
}
