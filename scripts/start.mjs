// `npm start`: builds the site when there is no build yet, then serves it (static pages and
// on-demand routes) with the production server (server/serve.mjs) on http://localhost:4321, or HOST and PORT.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/server/entry.mjs') || process.argv.includes('--build')) {
  // Without HOST, so a missing SITE_URL is warned about once, by the server, not by both.
  const { HOST: _host, ...buildEnv } = process.env;
  // The whole build: astro build, then the search index (scripts/build.mjs).
  const { status } = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: buildEnv });
  if (status !== 0) process.exit(status ?? 1);
}

const server = spawn(process.execPath, ['server/serve.mjs', 'dist'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.PORT ?? '4321', HOST: process.env.HOST ?? 'localhost' },
});
// A process manager stops `npm start`, not the server: pass the signal on so the server shuts down cleanly.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
