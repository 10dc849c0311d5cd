/**
 * Says once, when a build for other machines has no public address, what will point at localhost
 * (server/public-address.mjs has the rule), and records the build's address beside the server bundle
 * so the server can say the same at start.
 */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';
import { publicAddressWarning, siteFile } from '../../server/public-address.mjs';

export function publicAddress(site: string): AstroIntegration {
  let serverDir: URL | undefined;
  return {
    name: 'community-hub:public-address',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const warning = publicAddressWarning({ site, host: process.env.HOST, ci: process.env.CI });
        if (warning) logger.warn(warning);
      },
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:done': () => {
        if (!serverDir) return;
        fs.mkdirSync(serverDir, { recursive: true });
        fs.writeFileSync(new URL(siteFile, serverDir), `${JSON.stringify({ site }, null, 2)}\n`);
      },
    },
  };
}
