/** A throwaway copy of the demo content that a test can break. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function copyOfContent(): { root: string; edit: (file: string, change: (text: string) => string) => void; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-content-'));
  fs.cpSync('content', root, { recursive: true });
  return {
    root,
    edit(file, change) {
      const full = path.join(root, file);
      fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
