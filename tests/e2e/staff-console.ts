/**
 * What the staff console's end-to-end tests share: accounts made with `npm run staff` (on a database
 * folder of the test's own, before its server starts: PGlite serves one process at a time), signing in,
 * reaching a control by Tab, and the page a navigation brought, as served, for html-validate.
 */
import { execFileSync } from 'node:child_process';
import { type Locator, type Page } from '@playwright/test';

/** Every test account's password. */
export const password = 'a long staff password';

/** Runs `npm run staff -- <args>` on the database in `dataDir`. */
export function staffCommand(dataDir: string, ...args: string[]): void {
  execFileSync('npm', ['run', '-s', 'staff', '--', ...args], { env: { ...process.env, DATA_DIR: dataDir, STAFF_PASSWORD: password }, stdio: 'pipe' });
}

/** Presses Tab until `target` has the focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tabbing never reached the element');
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
