/**
 * Writes the outside origins the built pages load from (today only the map tiles in settings) to
 * `<outDir>/server/outside-sources.json`, so the server's Content-Security-Policy allows exactly what
 * this build uses, without reading content at run time.
 */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';

/** CSP directives and the outside sources each needs, e.g. `{ 'img-src': ['https://tile.openstreetmap.org'] }`. */
export type OutsideSources = Record<string, string[]>;

export const outsideSourcesFile = 'outside-sources.json';

/**
 * The origin of a Leaflet tile URL template as a CSP source: `https://{s}.tile.example.org/{z}/{x}/{y}.png`
 * becomes `https://*.tile.example.org`, since `{s}` stands for subdomains.
 */
export function tileSource(template: string): string {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!match) throw new Error(`The map tile address must start with https:// or http://: ${template}`);
  const host = match[2]!.replace(/\{[^}]*\}/g, '*');
  return `${match[1]!.toLowerCase()}://${host.toLowerCase()}`;
}

export function outsideSources(settings: { mapTiles: { url: string } }): AstroIntegration {
  let serverDir: URL | undefined;
  return {
    name: 'community-hub:outside-sources',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:done': () => {
        if (!serverDir) return;
        const sources: OutsideSources = { 'img-src': [tileSource(settings.mapTiles.url)] };
        fs.mkdirSync(serverDir, { recursive: true });
        fs.writeFileSync(new URL(outsideSourcesFile, serverDir), `${JSON.stringify(sources, null, 2)}\n`);
      },
    },
  };
}
