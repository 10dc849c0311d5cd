/**
 * Staff accounts from the command line, against the database the server uses (DATA_DIR or DATABASE_URL):
 *
 *   npm run staff -- add <email> --role admin|officer|panel
 *   npm run staff -- reset-password <email>
 *   npm run staff -- disable <email>
 *   npm run staff -- assign <email> --fund <fund id> --round <round>   (a panel member reviews that round)
 *
 * The password is asked for without echoing it, or read from STAFF_PASSWORD (for scripts and tests).
 * Runs under vite-node, which bundles the SQL migrations as the server build does.
 * With the embedded database (PGlite), stop the server first: PGlite serves one process at a time.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openStore, storeLocation } from '../src/store';
import { readStoreConfig } from '../src/store/config';
import { addAccount, assignPanelRound, disableAccount, resetPassword, type Actor } from '../src/store/staff';
import { hashPassword, maximumPasswordLength, minimumPasswordLength, passwordProblem } from '../src/staff/passwords';
import { isStaffRole, staffRoles } from '../src/staff/roles';

const usage = `Usage:
  npm run staff -- add <email> --role ${staffRoles.join('|')}
  npm run staff -- reset-password <email>
  npm run staff -- disable <email>
  npm run staff -- assign <email> --fund <fund id> --round <round>`;

const actor: Actor = { commandLine: true };

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

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, fund: { type: 'string' }, round: { type: 'string' } },
  });
  const [command, email] = positionals;
  if (!command || !email || positionals.length > 2 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(usage);
  if (command === 'add' && !(values.role && isStaffRole(values.role))) throw new Error(`--role must be one of ${staffRoles.join(', ')}\n${usage}`);
  if (command === 'assign' && !(values.fund && values.round)) throw new Error(`assign needs --fund and --round\n${usage}`);
  if (!['add', 'reset-password', 'disable', 'assign'].includes(command)) throw new Error(usage);

  // Ask for the password before opening the database, so a typo costs nothing.
  const passwordHash = command === 'add' || command === 'reset-password' ? await hashPassword(await newPassword()) : undefined;
  const store = await openStore(storeLocation(readStoreConfig()));
  try {
    if (command === 'add' && values.role && isStaffRole(values.role)) {
      const account = await addAccount(store, { email, role: values.role, passwordHash: passwordHash! }, actor);
      console.log(`Added ${account.email} as ${account.role}.`);
    } else if (command === 'reset-password') {
      const account = await resetPassword(store, email, passwordHash!, actor);
      console.log(`New password set for ${account.email}; their sessions have ended.`);
    } else if (command === 'disable') {
      const account = await disableAccount(store, email, actor);
      console.log(`Disabled ${account.email}; they cannot sign in and their sessions have ended.`);
    } else if (command === 'assign') {
      await assignPanelRound(store, email, values.fund!, values.round!, actor);
      console.log(`${email} now reviews ${values.fund} (round ${values.round}).`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
