/**
 * What the staff console's end-to-end tests share: a server of the test's own with accounts made by
 * `npm run staff`'s commands (all in one process) before it starts (PGlite serves one process at a time), signing in, reaching a
 * control by Tab, and the page a navigation brought, as served, for html-validate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { startServer } from './own-server';

/** Every test account's password. */
export const password = 'a long staff password';

/** Runs `npm run staff -- <args>` on the database in `dataDir`. */
export function staffCommand(dataDir: string, ...args: string[]): void {
  execFileSync('npm', ['run', '-s', 'staff', '--', ...args], { env: { ...process.env, DATA_DIR: dataDir, STAFF_PASSWORD: password }, stdio: 'pipe' });
}

/** Runs several `npm run staff` commands, in order, in one process (tests/support/staff-commands.ts): a start costs seconds. */
export function staffCommands(dataDir: string, commands: string[][]): void {
  if (commands.length === 0) return;
  execFileSync(path.resolve('node_modules/.bin/vite-node'), ['tests/support/staff-commands.ts', JSON.stringify(commands)], { env: { ...process.env, DATA_DIR: dataDir, STAFF_PASSWORD: password }, stdio: 'pipe' });
}

export interface StaffAccount {
  email: string;
  role: 'admin' | 'officer' | 'panel';
  /** The fund rounds a panel member reviews, as `fund/round`. */
  reviews?: string[];
}

export interface ConsoleServer {
  url: string;
  /** Stops the server and deletes its database. */
  stop: () => Promise<void>;
}

/** A production server on a database of its own, with these accounts made first (and `prepare` run on its folder), and any settings of its own (`env`). */
export async function startConsole(accounts: StaffAccount[], prepare?: (dataDir: string) => void, env: NodeJS.ProcessEnv = {}): Promise<ConsoleServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-staff-e2e-'));
  staffCommands(dataDir, accounts.flatMap(({ email, role, reviews = [] }) => [
    ['add', email, '--role', role],
    ...reviews.map((review) => {
      const [fund = '', round = ''] = review.split('/');
      return ['assign', email, '--fund', fund, '--round', round];
    }),
  ]));
  prepare?.(dataDir);
  const server = await startServer({ ...env, DATA_DIR: dataDir });
  await expect(async () => expect((await fetch(`${server.origin}/healthz`)).status).toBe(200)).toPass({ timeout: 60_000 });
  return {
    url: server.origin,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Presses Tab until `target` has the focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tabbing never reached the element');
}

/** The page a navigation brought, whatever its status (an error summary answers 400), after any redirect. */
export async function shown(page: Page, action: Promise<unknown>): Promise<string> {
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().isNavigationRequest() && (response.status() < 300 || response.status() >= 400)),
    action,
  ]);
  return response.text();
}

/** The page a navigation brought, as served, for html-validate. */
export async function served(page: Page, action: Promise<unknown>): Promise<string> {
  const [response] = await Promise.all([page.waitForResponse((response) => response.request().isNavigationRequest() && response.status() < 300), action]);
  return response.text();
}

/** Signs in on the sign-in page; where it lands is the test's to check. */
export async function signIn(page: Page, email: string, withPassword = password): Promise<void> {
  await page.goto('/staff/sign-in/');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(withPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Small Sparks' four criteria, in the fund's order (content/funds/small-sparks.md). */
export const smallSparksCriteria = ['Bringing people together', 'Something you enjoy', 'Making a difference where you live', 'Open to others'];

/** A panel member, on an application's scores page, says they have no conflict of interest with it, as they must before scoring. */
export async function declareNoConflict(page: Page): Promise<string> {
  await page.getByLabel('No, I have no conflict of interest').check();
  return served(page, page.getByRole('button', { name: 'Save my declaration' }).click());
}

/** Fills a panel member's score form on its page (a score and a comment for each criterion) and saves it; returns the page as served. */

export async function score(page: Page, scores: number[], comment: string, criteria = smallSparksCriteria): Promise<string> {
  for (const [index, criterion] of criteria.entries()) {
    await page.getByRole('group', { name: `Score for ${criterion}` }).getByLabel(String(scores[index]), { exact: true }).check();
    await page.getByLabel(`Comment on ${criterion}`).fill(`${comment} ${index + 1}`);
  }
  return served(page, page.getByRole('button', { name: 'Save my scores' }).click());
}
