// `npm start`: builds the site when there is no build yet, then serves it (static pages and
// on-demand routes) with the Node server on http://localhost:4321, or HOST and PORT.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const entry = 'dist/server/entry.mjs';
const run = (command, args, env = process.env) => {
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  if (status !== 0) process.exit(status ?? 1);
};

if (!existsSync(entry) || process.argv.includes('--build')) run('npx', ['astro', 'build']);
run(process.execPath, [entry], { ...process.env, PORT: process.env.PORT ?? '4321', HOST: process.env.HOST ?? 'localhost' });
