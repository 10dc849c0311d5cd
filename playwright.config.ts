import './tests/support/test-clock';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4399);
// Another build to test (e.g. `npm run build -- --outDir dist-b`), so two builds can be tested side by side.
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env.CI,
  // A test that passes only on its retry fails the run: a flaky test is a bug to fix, not to retry past.
  failOnFlakyTests: true,
  fullyParallel: true,
  // More workers than the 2 cores: a test mostly waits on the browser, the server or a server of its own
  // starting, so 2 workers left a core idle (see docs/testing.md, "Keeping CI quick").
  workers: 3,
  // On CI a test that fails is run once more, so a flaky one is named as such, and still fails the run (above).
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    ...devices['Desktop Chrome'],
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not available here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The production server (compression, security headers, clean shutdown) around the build's Astro handler.
    command: `node server/serve.mjs ${dist}`,
    // A database of its own for each run, so tests start from nothing and leave ./data alone.
    // Every test posts from localhost, so the per-client limit is raised here; tests/integration checks the 429 itself.
    // TRUST_PROXY: the tests stand in for a reverse proxy on this machine when they send X-Forwarded-Proto.
    env: { PORT: String(port), HOST: 'localhost', POSTS_PER_MINUTE: '1000', TRUST_PROXY: 'loopback', DATA_DIR: process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `community-hub-e2e-${Date.now()}`) },
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    // The server opens and migrates the database before it listens, which is slow on a busy machine.
    timeout: 120_000,
  },
});
