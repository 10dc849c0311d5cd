/**
 * Several `npm run staff` commands in one process, for the end-to-end tests that make accounts
 * before their server starts: the same commands (scripts/staff/commands.ts) on the same database
 * (DATA_DIR), in order, without paying for a vite-node start per command.
 *
 *   vite-node tests/support/staff-commands.ts '[["add","a@example.org","--role","admin"], …]'
 *
 * The password of every account it adds is STAFF_PASSWORD.
 */
import { contentDirectory } from '../../src/content-model/collections';
import { openStore, storeLocation } from '../../src/store';
import { readStoreConfig } from '../../src/store/config';
import { runStaffCommand } from '../../scripts/staff/commands';

const commands = JSON.parse(process.argv[2] ?? '[]') as string[][];
const password = process.env.STAFF_PASSWORD;
if (!password) throw new Error('Set STAFF_PASSWORD');
// One database opened (and migrated) once: each command closes what it is given, so it is given a store whose close waits for the end.
const store = await openStore(storeLocation(readStoreConfig()));
const kept = new Proxy(store, {
  get: (target, key) => (key === 'close' ? async () => undefined : ((value) => (typeof value === 'function' ? value.bind(target) : value))(Reflect.get(target, key))),
});
try {
  for (const args of commands) {
    await runStaffCommand(args, { openStore: async () => kept, contentDir: contentDirectory(), newPassword: async () => password, log: () => undefined });
  }
} finally {
  await store.close();
}
