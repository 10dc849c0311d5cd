/** Removes the throwaway repository the CMS tests edited. */
import fs from 'node:fs';

export default function removeSandbox() {
  if (process.env.CMS_E2E_REPO) fs.rmSync(process.env.CMS_E2E_REPO, { recursive: true, force: true });
}
