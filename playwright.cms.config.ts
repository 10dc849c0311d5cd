/**
 * End-to-end tests of the content editor against `npm run cms` (astro dev + decap-server in git mode).
 * They edit a throwaway git repository holding a copy of content/, so a run never changes
 * content/ or commits to this repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import './tests/support/test-clock';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { directivesFor, policyFor } from './server/security-headers.mjs';
import { isoDay, ukToday } from './src/rules/dates';

const port = Number(process.env.CMS_E2E_PORT ?? 4463);
const proxyPort = Number(process.env.CMS_E2E_PROXY_PORT ?? 4464);

/** The fund an editor closes (tests/cms/editor.spec.ts) opened 60 days before the tests' day and closing 60 after, so the demo's own dates passing changes nothing. */
function openOnTheTestsDay(file: string): void {
  const day = (offset: number) => isoDay(new Date(ukToday().getTime() + offset * 86_400_000));
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^opens: .*$/m, `opens: ${day(-60)}`).replace(/^closes: .*$/m, `closes: ${day(60)}`));
}

/** A new git repository with today's content in it; workers inherit its path from the runner. */
function sandboxRepository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-cms-'));
  fs.cpSync(process.env.CONTENT_DIR ?? 'content', path.join(repo, 'content'), { recursive: true });
  openOnTheTestsDay(path.join(repo, 'content', 'funds', 'healthy-fenland-fund.md'));
  fs.mkdirSync(path.join(repo, 'public', 'uploads'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'public', 'uploads', '.gitkeep'), '');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'CMS test');
  git('config', 'user.email', 'cms-test@example.org');
  git('add', '.');
  git('commit', '--quiet', '--message', 'Content before the test');
  return repo;
}
process.env.CMS_E2E_REPO ??= sandboxRepository();
const repo = process.env.CMS_E2E_REPO;

/**
 * The production server's Content-Security-Policy for /admin/, plus what only this dev setup needs
 * (decap-server and Vite's live-reload socket), sent by astro dev so a violation fails the tests.
 * Decap also reads an uploaded image back from its blob: URL when saving, so connect-src needs blob:.
 */
function adminPolicy(): string {
  const directives = directivesFor(policyFor('/admin/'));
  directives['connect-src'] = [...new Set([...directives['connect-src'], 'blob:', `http://localhost:${proxyPort}`, `ws://localhost:${port}`])];
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export default defineConfig({
  testDir: 'tests/cms',
  globalTeardown: './tests/cms/teardown.ts',
  forbidOnly: !!process.env.CI,
  // A test that passes only on its retry fails the run: a flaky test is a bug to fix, not to retry past.
  failOnFlakyTests: true,
  // One editor, one repository: the steps depend on each other's commits.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1400, height: 1000 },
    actionTimeout: 20_000,
    // What the editor's CMS showed when a test failed (test-results/), to tell a CMS error from a slow one.
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node scripts/cms.mjs',
    env: { CMS_PORT: String(port), CMS_PROXY_PORT: String(proxyPort), CMS_REPO_DIR: repo, CONTENT_DIR: path.join(repo, 'content'), CMS_ADMIN_CSP: adminPolicy() },
    url: `http://localhost:${port}/admin/`,
    // astro dev compiles on first request; a busy 2-core machine needs a while.
    timeout: 240_000,
    reuseExistingServer: false,
  },
});
