/**
 * `npm run staff` as a function (scripts/staff/commands.ts), on a database of its own: the same checks
 * as the console, with a fund and round read from the content directory (CONTENT_DIR).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundsInDirectory, runStaffCommand, usage } from '../../scripts/staff/commands';
import type { Store } from '../../src/store';
import { findAccountForSignIn } from '../../src/store/staff';
import { testDatabases } from '../support/databases';
import { copyOfContent } from '../support/content-fixture';

describe.each(testDatabases)('npm run staff on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let said: string[] = [];
  // The command closes the store it opens; here every command shares one, closed at the end.
  const staff = (contentDir = 'content') => (...args: string[]) =>
    runStaffCommand(args, {
      openStore: async () => ({ ...store, close: async () => undefined }),
      contentDir,
      newPassword: async () => 'a long staff password',
      log: (line) => said.push(line),
    });
  beforeAll(async () => {
    store = await open();
    await staff()('add', 'admin@example.org', '--role', 'admin');
    await staff()('add', 'panel@example.org', '--role', 'panel');
    said = [];
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('assigns a panel member to a round of a fund in the content', async () => {
    await staff()('assign', 'panel@example.org', '--fund', 'small-sparks', '--round', 'rolling');
    await staff()('assign', 'panel@example.org', '--fund', 'healthy-fenland-fund', '--round', '2026-10-01');
    expect(said).toEqual(['panel@example.org now reviews small-sparks (round rolling).', 'panel@example.org now reviews healthy-fenland-fund (round 2026-10-01).']);
    const rows = await store.query<{ fund_id: string }>("SELECT fund_id FROM panel_assignments pa JOIN staff_accounts a ON a.id = pa.account_id WHERE a.email = 'panel@example.org' ORDER BY fund_id");
    expect(rows.map((row) => row.fund_id)).toEqual(['healthy-fenland-fund', 'small-sparks']);
  });

  it('refuses a fund that does not exist, and lists those that do', async () => {
    const refused = staff()('assign', 'panel@example.org', '--fund', 'small-sparkz', '--round', 'rolling');
    await expect(refused).rejects.toThrow(/^There is no fund "small-sparkz" in the content\. The funds are: active-together, .*small-sparks/);
  });

  it('refuses a round the fund does not have, and says which it has', async () => {
    await expect(staff()('assign', 'panel@example.org', '--fund', 'healthy-fenland-fund', '--round', '2026-10-02')).rejects.toThrow(
      'The fund "healthy-fenland-fund" has no round "2026-10-02". Its rounds are: 2026-10-01 (the day a round opened, or "rolling")',
    );
    await expect(staff()('assign', 'panel@example.org', '--fund', 'small-sparks', '--round', '2026-10-01')).rejects.toThrow('Its rounds are: rolling');
  });

  it('reads the funds from CONTENT_DIR, so a fund taken out of the content can no longer be assigned', async () => {
    const content = copyOfContent();
    try {
      content.edit('funds/small-sparks.md', (text) => text.replace('rolling: true', 'rolling: false\nopens: 2027-04-01\ncloses: 2027-06-30'));
      expect(fundsInDirectory(content.root).find((fund) => fund.id === 'small-sparks')?.round).toBe('2027-04-01');
      await staff(content.root)('assign', 'panel@example.org', '--fund', 'small-sparks', '--round', '2027-04-01');
      await expect(staff(content.root)('assign', 'panel@example.org', '--fund', 'small-sparks', '--round', 'rolling')).rejects.toThrow('Its rounds are: 2027-04-01');
    } finally {
      content.remove();
    }
  });

  it('assigns rounds to panel members only', async () => {
    await expect(staff()('assign', 'admin@example.org', '--fund', 'small-sparks', '--round', 'rolling')).rejects.toThrow('admin@example.org is not a panel member');
  });

  it('will not disable or demote the last administrator', async () => {
    await expect(staff()('disable', 'admin@example.org')).rejects.toThrow('That would leave the console with no administrator who can sign in');
    await expect(staff()('role', 'admin@example.org', '--role', 'officer')).rejects.toThrow('no administrator who can sign in');
    expect((await findAccountForSignIn(store, 'admin@example.org'))?.disabled).toBe(false);
  });

  it('disables and enables an account, and changes a role', async () => {
    await staff()('add', 'officer@example.org', '--role', 'officer');
    said = [];
    await staff()('disable', 'officer@example.org');
    await staff()('enable', 'officer@example.org');
    await staff()('role', 'officer@example.org', '--role', 'admin');
    expect(said).toEqual([
      'Disabled officer@example.org; they cannot sign in and their sessions have ended.',
      'Enabled officer@example.org; they can sign in again.',
      'officer@example.org is now admin.',
    ]);
  });

  it('answers a command it does not know, or one missing what it needs, with its usage', async () => {
    await expect(staff()('promote', 'panel@example.org')).rejects.toThrow(usage);
    await expect(staff()('assign', 'panel@example.org', '--fund', 'small-sparks')).rejects.toThrow('assign needs --fund and --round');
    await expect(staff()('role', 'panel@example.org', '--role', 'boss')).rejects.toThrow('--role must be one of admin, officer, panel');
  });
});
