/**
 * What `npm run staff` does, as a function of its arguments, so tests can run it on a database of
 * their own. It calls the same store functions as the staff console, so the same checks hold: the
 * last administrator cannot be disabled or demoted, and `assign` takes only a fund in the content
 * (CONTENT_DIR, default ./content) and one of its rounds.
 */
import { parseArgs } from 'node:util';
import { readCollectionEntries } from '../../src/content-model/read';
import { fundSchema } from '../../src/schemas/fund';
import { fundsInContent, type FundInContent } from '../../src/staff/accounts';
import { hashPassword } from '../../src/staff/passwords';
import { isStaffRole, staffRoles } from '../../src/staff/roles';
import type { Store } from '../../src/store';
import { addAccount, findAccount, resetPassword, type Actor } from '../../src/store/staff';
import { assignPanelRound, changeRole, disableAccount, enableAccount, unassignPanelRound } from '../../src/store/staff-accounts';
import { turnOffSecondFactor } from '../../src/store/two-factor';

export const usage = `Usage:
  npm run staff -- add <email> --role ${staffRoles.join('|')}
  npm run staff -- reset-password <email>
  npm run staff -- reset-two-factor <email>     (a lost phone and no recovery codes: signs in with the password, then sets up an app again)
  npm run staff -- role <email> --role ${staffRoles.join('|')}
  npm run staff -- disable <email>
  npm run staff -- enable <email>
  npm run staff -- assign <email> --fund <fund id> --round <round>
  npm run staff -- unassign <email> --fund <fund id> --round <round>

A round is the day the fund opened (YYYY-MM-DD), or "rolling" for a fund with no opening day.`;

const commands = ['add', 'reset-password', 'reset-two-factor', 'role', 'disable', 'enable', 'assign', 'unassign'] as const;
type Command = (typeof commands)[number];

export interface StaffCommandContext {
  /** Opens the database; the command closes it when done. */
  openStore: () => Promise<Store>;
  /** The content directory, for the funds and rounds `assign` may name. */
  contentDir: string;
  /** Asks for a new password (checked against the rules), for add and reset-password. */
  newPassword: () => Promise<string>;
  /** Where a line of the command's answer goes. */
  log: (line: string) => void;
}

const actor: Actor = { commandLine: true };

/** The funds in the content directory that pass their schema; a broken one is not offered (npm run check names its problem). */
export function fundsInDirectory(contentDir: string): FundInContent[] {
  const { entries } = readCollectionEntries(contentDir, 'funds');
  return fundsInContent(entries.flatMap((entry) => {
    const parsed = fundSchema.safeParse(entry.data);
    return parsed.success ? [{ id: entry.id, data: parsed.data }] : [];
  }));
}

/** Runs one command; throws an Error whose message is for the person at the terminal. */
export async function runStaffCommand(args: readonly string[], context: StaffCommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { role: { type: 'string' }, fund: { type: 'string' }, round: { type: 'string' } },
  });
  const [name, email] = positionals;
  const command = commands.find((known) => known === name);
  if (!command || !email || positionals.length > 2 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(usage);
  const needs = (option: 'role' | 'fund' | 'round', ...when: Command[]) => when.includes(command) && !values[option];
  if ((command === 'add' || command === 'role') && !(values.role && isStaffRole(values.role))) throw new Error(`--role must be one of ${staffRoles.join(', ')}\n${usage}`);
  if (needs('fund', 'assign', 'unassign') || needs('round', 'assign', 'unassign')) throw new Error(`${command} needs --fund and --round\n${usage}`);

  // Ask for the password and read the content before opening the database, so a typo costs nothing.
  const passwordHash = command === 'add' || command === 'reset-password' ? await hashPassword(await context.newPassword()) : undefined;
  const funds = command === 'assign' ? fundsInDirectory(context.contentDir) : [];
  const choice = { fundId: values.fund ?? '', round: values.round ?? '' };
  const role = values.role && isStaffRole(values.role) ? values.role : undefined;

  const store = await context.openStore();
  try {
    if (command === 'add') {
      const account = await addAccount(store, { email, role: role!, passwordHash: passwordHash! }, actor);
      context.log(`Added ${account.email} as ${account.role}.`);
    } else if (command === 'reset-password') {
      const account = await resetPassword(store, email, passwordHash!, actor);
      context.log(`New password set for ${account.email}; their sessions have ended.`);
    } else if (command === 'reset-two-factor') {
      const account = await findAccount(store, email);
      if (!account) throw new Error(`There is no account for ${email.trim().toLowerCase()}`);
      const wasOn = await turnOffSecondFactor(store, account, actor);
      context.log(wasOn ? `${account.email}'s authenticator app and recovery codes are removed; they sign in with their password and can set up an app again.` : `${account.email} had no authenticator app set up.`);
    } else if (command === 'role') {
      const { account, removedRounds } = await changeRole(store, email, role!, actor);
      context.log(`${account.email} is now ${account.role}${removedRounds.length > 0 ? `; their ${removedRounds.length} fund round(s) were removed` : ''}.`);
    } else if (command === 'disable') {
      const account = await disableAccount(store, email, actor);
      context.log(`Disabled ${account.email}; they cannot sign in and their sessions have ended.`);
    } else if (command === 'enable') {
      const account = await enableAccount(store, email, actor);
      context.log(`Enabled ${account.email}; they can sign in again.`);
    } else if (command === 'assign') {
      await assignPanelRound(store, email, choice, funds, actor);
      context.log(`${email} now reviews ${choice.fundId} (round ${choice.round}).`);
    } else {
      const removed = await unassignPanelRound(store, email, choice, actor);
      context.log(removed ? `${email} no longer reviews ${choice.fundId} (round ${choice.round}).` : `${email} did not review ${choice.fundId} (round ${choice.round}).`);
    }
  } finally {
    await store.close();
  }
}
