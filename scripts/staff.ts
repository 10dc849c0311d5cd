/**
 * Staff accounts from the command line, against the database the server uses (DATA_DIR or DATABASE_URL).
 * For the first administrator and for scripts; everything else is in the console under Staff accounts.
 * The commands and their checks are in staff/commands.ts (`npm run staff` alone lists them).
 *
 * The password is asked for without echoing it, or read from STAFF_PASSWORD (for scripts and tests).
 * Runs under vite-node, which bundles the SQL migrations as the server build does.
 * With the embedded database (PGlite), stop the server first: PGlite serves one process at a time.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { contentDirectory } from '../src/content-model/collections';
import { maximumPasswordLength, minimumPasswordLength, passwordProblem } from '../src/staff/passwords';
import { openStore, storeLocation } from '../src/store';
import { readStoreConfig } from '../src/store/config';
import { runStaffCommand } from './staff/commands';

/** Asks twice without showing what is typed; STAFF_PASSWORD answers instead when set. */
async function newPassword(): Promise<string> {
  const fromEnvironment = process.env.STAFF_PASSWORD;
  const password = fromEnvironment ?? (await ask('New password: '));
  if (fromEnvironment === undefined && (await ask('Type it again: ')) !== password) throw new Error('The two passwords were different');
  const problem = passwordProblem(password);
  if (problem === 'too-short') throw new Error(`The password must be at least ${minimumPasswordLength} characters`);
  if (problem === 'too-long') throw new Error(`The password must be at most ${maximumPasswordLength} characters`);
  return password;
}

async function ask(question: string): Promise<string> {
  // Nothing typed is echoed: the terminal output goes nowhere until the answer is in. The terminal
  // is taken over before the question is shown, so nothing typed early is echoed either.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  process.stdout.write(question);
  const answer = await new Promise<string>((resolve) => reader.question('', resolve));
  reader.close();
  process.stdout.write('\n');
  return answer;
}

runStaffCommand(process.argv.slice(2), {
  openStore: () => openStore(storeLocation(readStoreConfig())),
  contentDir: contentDirectory(),
  newPassword,
  log: (line) => console.log(line),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
