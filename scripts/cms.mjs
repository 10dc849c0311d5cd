// `npm run cms`: edit content through the CMS on your own machine. Starts decap-server in git mode
// (so the editorial workflow works: drafts are branches, publishing merges and commits) and
// `astro dev`; open http://localhost:4321/admin/. CMS_PORT, CMS_PROXY_PORT and CMS_REPO_DIR change them.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const port = process.env.CMS_PORT ?? '4321';
const proxyPort = process.env.CMS_PROXY_PORT ?? '8081';
const repo = path.resolve(process.env.CMS_REPO_DIR ?? '.');

const children = [
  spawn(process.execPath, [require.resolve('decap-server/dist/index.js')], {
    stdio: 'inherit',
    env: { ...process.env, MODE: 'git', PORT: proxyPort, BIND_HOST: 'localhost', GIT_REPO_DIRECTORY: repo, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  }),
  spawn(process.execPath, [path.join(path.dirname(require.resolve('astro/package.json')), 'astro.js'), 'dev', '--port', port, '--host', 'localhost'], {
    stdio: 'inherit',
    // The admin page points the CMS at this decap-server.
    env: { ...process.env, CMS_PROXY_PORT: proxyPort, ASTRO_TELEMETRY_DISABLED: '1' },
  }),
];
console.log(`CMS: http://localhost:${port}/admin/ (decap-server on port ${proxyPort}, committing to ${repo})`);

// One stops, both stop, so a test runner or Ctrl+C never leaves a server behind.
const stop = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give them a moment to close, then make sure.
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 2000).unref();
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
