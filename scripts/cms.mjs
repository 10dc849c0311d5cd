// `npm run cms`: edit content through the CMS on your own machine. Starts decap-server in git mode
// (so the editorial workflow works: drafts are branches, publishing merges and commits) behind a guard
// that keeps a failed save from breaking the repository (scripts/cms/local-backend.mjs), and
// `astro dev`; open http://localhost:4321/admin/. CMS_PORT, CMS_PROXY_PORT, CMS_REPO_DIR and CMS_BRANCH change them.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startLocalBackend } from './cms/local-backend.mjs';

const require = createRequire(import.meta.url);
const port = process.env.CMS_PORT ?? '4321';
const proxyPort = process.env.CMS_PROXY_PORT ?? '8081';
const repo = path.resolve(process.env.CMS_REPO_DIR ?? '.');
// The branch the CMS config (src/cms/config.ts) publishes to.
const base = process.env.CMS_BRANCH ?? 'main';

const backend = await startLocalBackend({ repo, base, port: Number(proxyPort), logLevel: process.env.LOG_LEVEL ?? 'info' });
const children = [
  backend.decapServer,
  spawn(process.execPath, [path.join(path.dirname(require.resolve('astro/package.json')), 'astro.js'), 'dev', '--port', port, '--host', 'localhost'], {
    stdio: 'inherit',
    // The admin page points the CMS at the guard in front of decap-server.
    env: { ...process.env, CMS_PROXY_PORT: proxyPort, ASTRO_TELEMETRY_DISABLED: '1' },
  }),
];
console.log(`CMS: http://localhost:${port}/admin/ (its git server on port ${proxyPort}, in front of decap-server; committing to ${repo}, publishing to ${base})`);

// One stops, both stop, so a test runner or Ctrl+C never leaves a server behind.
const stop = (code) => {
  backend.guard.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give them a moment to close, then make sure.
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 2000).unref();
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
