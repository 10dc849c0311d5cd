import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as sass from 'sass';
import { describe, expect, it } from 'vitest';

const stylesheet = path.resolve('src/styles/main.scss');

/** main.scss as Astro compiles it, with the brand colour settings would inject. */
function compiledCss(): string {
  const source = `$brand-colour: #1d70b8;\n${fs.readFileSync(stylesheet, 'utf8')}`;
  return sass.compileString(source, { url: pathToFileURL(stylesheet), quietDeps: true, silenceDeprecations: ['import'] }).css;
}

/** Every `govuk-…` class name written in the templates and browser scripts under src/. */
function govukClassesInTemplates(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of fs.readdirSync('src', { recursive: true, encoding: 'utf8' })) {
    if (!/\.(astro|ts|mdx)$/.test(file)) continue;
    const text = fs.readFileSync(path.join('src', file), 'utf8');
    // Sass functions and mixins (`govuk-spacing(3)`) and the package name are not class names.
    for (const [name] of text.matchAll(/(?<![$@\w/-])govuk-(?:!-)?[a-z0-9_-]*[a-z0-9](?![\w(-]|\/)/g)) used.set(name, file);
  }
  return used;
}

/** Whether a stylesheet has a rule for the class. */
const styles = (css: string, name: string) => new RegExp(`\\.${name.replace('!', '\\\\!')}(?![\\w-])`).test(css);

describe('the stylesheet', () => {
  const css = compiledCss();
  // All of GOV.UK Frontend, to tell a component left out from a class it never styles (e.g. a JS hook).
  const everything = fs.readFileSync('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css', 'utf8');

  it('styles every GOV.UK class the pages use, though it imports only some components', () => {
    const unstyled = [...govukClassesInTemplates()].filter(([name]) => styles(everything, name) && !styles(css, name)).map(([name, file]) => `${name} (in src/${file})`);
    expect(unstyled).toEqual([]);
  });

  it('leaves out the GOV.UK components the site does not use', () => {
    for (const unused of ['govuk-header', 'govuk-accordion', 'govuk-cookie-banner', 'govuk-task-list']) expect(css).not.toContain(`.${unused}`);
  });
});
