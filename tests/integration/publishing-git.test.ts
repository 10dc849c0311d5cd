import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnvironment } from '../../src/publishing/build';
import { branchHead, commitSubject, exportPaths, fetchBranch } from '../../src/publishing/git';

const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=Content Editor', '-c', 'user.email=editor@example.org', ...args], { encoding: 'utf8' }).trim();

describe('the publisher’s git, on a real repository', () => {
  let folder: string;
  let repo: string;
  let first: string;
  let second: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-publishing-git-'));
    repo = path.join(folder, 'repo');
    fs.mkdirSync(path.join(repo, 'content', 'groups'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'public', 'uploads'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'content', 'groups', 'benwick.md'), '---\nname: Benwick\n---\n');
    fs.writeFileSync(path.join(repo, 'public', 'uploads', 'garden.jpg'), 'not really a picture');
    fs.writeFileSync(path.join(repo, 'src', 'code.ts'), 'export {};\n');
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '--message=Demo content');
    first = git(repo, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(repo, 'content', 'groups', 'benwick.md'), '---\nname: Benwick Allotments\n---\n');
    git(repo, 'commit', '--quiet', '--all', '--message=Update Groups “benwick”');
    second = git(repo, 'rev-parse', 'HEAD');
    // An editor's draft on a branch of its own, which is not the content branch.
    git(repo, 'checkout', '--quiet', '-b', 'cms/groups/benwick');
    fs.writeFileSync(path.join(repo, 'content', 'groups', 'benwick.md'), '---\nname: Draft\n---\n');
    git(repo, 'commit', '--quiet', '--all', '--message=Draft');
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reads where the content branch points, whatever branch the working tree is on', async () => {
    expect(await branchHead(repo, 'main')).toBe(second);
    expect(await commitSubject(repo, second)).toBe('Update Groups “benwick”');
    await expect(branchHead(repo, 'no-such-branch')).rejects.toThrow('Needed a single revision');
  });

  it('exports a commit’s content and public folders, and nothing else, without touching the working tree', async () => {
    const destination = path.join(folder, 'export-first');
    expect(await exportPaths(repo, first, ['content', 'public'], destination)).toEqual(['content', 'public']);
    expect(fs.readFileSync(path.join(destination, 'content', 'groups', 'benwick.md'), 'utf8')).toContain('name: Benwick\n');
    expect(fs.existsSync(path.join(destination, 'public', 'uploads', 'garden.jpg'))).toBe(true);
    expect(fs.existsSync(path.join(destination, 'src'))).toBe(false);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo, 'content', 'groups', 'benwick.md'), 'utf8')).toContain('name: Draft');
  });

  it('exports only the folders a commit has', async () => {
    expect(await exportPaths(repo, second, ['content', 'static'], path.join(folder, 'export-second'))).toEqual(['content']);
  });

  it('fetches the branch from a git host (here a file:// URL) into a mirror of its own, and again when it moves', async () => {
    const mirror = path.join(folder, 'mirror.git');
    const url = `file://${repo}`;
    expect(await fetchBranch(url, mirror, 'main')).toBe(second);
    git(repo, 'checkout', '--quiet', 'main');
    fs.writeFileSync(path.join(repo, 'content', 'groups', 'benwick.md'), '---\nname: Benwick Allotment Society\n---\n');
    git(repo, 'commit', '--quiet', '--all', '--message=Rename');
    const third = git(repo, 'rev-parse', 'HEAD');
    expect(await fetchBranch(url, mirror, 'main')).toBe(third);
    const destination = path.join(folder, 'export-third');
    await exportPaths(mirror, third, ['content', 'public'], destination);
    expect(fs.readFileSync(path.join(destination, 'content', 'groups', 'benwick.md'), 'utf8')).toContain('Benwick Allotment Society');
    expect(await commitSubject(mirror, third)).toBe('Rename');
  });

  it('refuses a commit holding a symbolic link, which could publish a file of the server', async () => {
    git(repo, 'checkout', '--quiet', 'main');
    fs.symlinkSync('/etc/passwd', path.join(repo, 'public', 'uploads', 'secrets.txt'));
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '--message=A link');
    await expect(exportPaths(repo, git(repo, 'rev-parse', 'HEAD'), ['content', 'public'], path.join(folder, 'export-link'))).rejects.toThrow('public/uploads/secrets.txt: a symbolic link');
  });

  it('never repeats a password or token in a repository’s address when a fetch fails', async () => {
    const failed = fetchBranch('https://hub:s3cret-token@127.0.0.1:9/council/hub.git', path.join(folder, 'mirror-refused.git'), 'main');
    await expect(failed).rejects.toThrow("unable to access 'https://127.0.0.1:9/council/hub.git/'");
    await expect(failed).rejects.not.toThrow(/s3cret-token/);
  });
});

describe('a build of the content branch', () => {
  it('sees the public address and the CMS settings, never the server’s secrets', () => {
    const env = buildEnvironment({ PATH: '/usr/bin', SITE_URL: 'https://hub.example.org', CMS_REPO: 'council/hub', CMS_TOKEN: 't', DATABASE_URL: 'postgres://u:p@h/db', SMTP_URL: 'smtps://u:p@mail', PUBLISH_WEBHOOK_SECRET: 's', HOST: '0.0.0.0' });
    expect(env).toEqual({ PATH: '/usr/bin', SITE_URL: 'https://hub.example.org', CMS_REPO: 'council/hub' });
  });
});
