/**
 * The publisher: one per server process (server/serve.mjs starts it when PUBLISH_REPO is set). It
 * follows the content branch (polling a local repository, or fetching from the git host when its
 * webhook fires and every PUBLISH_POLL_SECONDS), and for each new commit exports its `content/` and
 * `public/`, builds a release (the content check first), asks the server to switch to it, points
 * `RELEASES_DIR/current` at it for the next start, records the publish and tells the senders whose
 * submissions it published. A failure leaves the live site as it was and is recorded with its
 * problems. One publish at a time; moves during a build are caught up with afterwards. Server-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LiveRelease } from '../moderation/published';
import { getStore, type Store } from '../store';
import { buildRelease, stopBuild } from './build';
import { describeRepository, type PublishConfig } from './config';
import { branchHead, commitSubject, exportPaths, fetchBranch } from './git';
import { isReleaseName, type PublishProblem, type PublishStage, releaseName, releasesToRemove } from './releases';
import { type PublishEnding, recordInterrupted, recordPublishFinished, recordPublishStarted } from './store';
import { currentTime } from '../rules/clock';

export interface PublisherOptions {
  config: PublishConfig;
  /** The hub's own folder, where `astro build` runs. */
  projectRoot: string;
  /** The build being served now: a release folder, or the server's first build (dist). */
  liveDir: string;
  /**
   * Loads the release in `dir`, warms it and makes it the live site; throws if it cannot answer.
   * Returns the new release's hook that tells the senders what it published (src/pages/publishing/webhook.ts `announce`).
   */
  goLive(dir: string): Promise<{ announce?: (release: LiveRelease) => Promise<number> }>;
}

export interface Publisher {
  /** Looks at the branch now (a webhook said it moved, or the poll came round). */
  notice(why?: string): void;
  /** Stops following the branch and any build under way. */
  stop(): Promise<void>;
}

/** What each release folder says about itself, for a restarted server to know which commit it serves. */
export interface ReleaseInfo {
  commit: string;
  branch: string;
  commitSubject: string;
  builtAt: string;
}

export const releaseInfoFile = 'release.json';
/** The link to the live release, replaced atomically (rename) after each switch. */
export const currentLink = 'current';

const publisherKey = Symbol.for('community-hub.publisher');
const processWide = globalThis as typeof globalThis & { [publisherKey]?: Publisher };

/** The process's publisher, for the webhook route (in whichever release's bundle is live); undefined when publishing is off. */
export function runningPublisher(): Publisher | undefined {
  return processWide[publisherKey];
}

function readReleaseInfo(dir: string): ReleaseInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, releaseInfoFile), 'utf8')) as ReleaseInfo;
  } catch {
    return undefined;
  }
}

const stageNames: Record<PublishStage, string> = { fetch: 'export from git', check: 'content check', build: 'build', switch: 'switch to the new build' };
const log = (message: string) => console.log(`[publish] ${message}`);
/** How long a commit that failed for a reason other than its content waits before it is built again. */
const retryMinutes = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const short = (commit: string) => commit.slice(0, 12);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export async function startPublisher({ config, projectRoot, liveDir, goLive }: PublisherOptions): Promise<Publisher> {
  const releasesDir = path.resolve(config.releasesDir);
  fs.mkdirSync(releasesDir, { recursive: true });
  const gitDir = config.remote ? path.join(releasesDir, '.mirror.git') : path.resolve(config.repo);
  // The commit being built is exported to the same place each time (so the build's output names the same paths).
  const sourceDir = path.join(releasesDir, '.source');
  const cacheDir = path.join(releasesDir, '.cache');
  const workspace = path.join(releasesDir, '.workspace');

  /** The release this process started on, if it did: its bundle runs this code, so its folder stays. */
  const startedOn = isReleaseName(path.basename(liveDir)) ? path.basename(liveDir) : undefined;
  const live = { release: startedOn, commit: readReleaseInfo(liveDir)?.commit };
  /** The last commit tried, live or not, so a broken one is not rebuilt every poll. */
  let tried = live.commit;
  /** When that commit may be tried again: never after its content failed the check, a while after anything else failed (a fetch, memory running out). */
  let tryAgainAt = Number.POSITIVE_INFINITY;
  let lastLookError = '';
  let stopped = false;

  const withStore = async <T>(what: string, work: (store: Store) => Promise<T>): Promise<T | undefined> => {
    try {
      return await work(await getStore());
    } catch (error) {
      console.error(`[publish] Could not ${what}: ${errorText(error)}`);
      return undefined;
    }
  };

  /** Where the branch points now: read in place, or fetched from the host first. */
  async function lookAtBranch(): Promise<string | undefined> {
    try {
      const head = config.remote ? await fetchBranch(config.repo, gitDir, config.branch) : await branchHead(gitDir, config.branch);
      lastLookError = '';
      return head;
    } catch (error) {
      // Said once, not every poll, until it changes.
      const text = errorText(error);
      if (text !== lastLookError) console.error(`[publish] Cannot read ${config.branch} of ${describeRepository(config.repo)}: ${text}`);
      lastLookError = text;
      return undefined;
    }
  }

  function removeOldReleases(): void {
    const names = fs.readdirSync(releasesDir).filter((name) => isReleaseName(name));
    const inUse = [live.release, startedOn];
    const finished = (name: string) => inUse.includes(name) || fs.existsSync(path.join(releasesDir, name, releaseInfoFile));
    // Unfinished (no release.json): a build a stopped server left behind.
    for (const name of names.filter((name) => !finished(name))) fs.rmSync(path.join(releasesDir, name), { recursive: true, force: true });
    for (const name of releasesToRemove(names.filter(finished), { keep: config.keepReleases, inUse })) {
      fs.rmSync(path.join(releasesDir, name), { recursive: true, force: true });
    }
  }

  function pointCurrentAt(name: string): void {
    const temporary = path.join(releasesDir, `.${currentLink}-${process.pid}`);
    fs.rmSync(temporary, { force: true });
    fs.symlinkSync(name, temporary, 'dir');
    fs.renameSync(temporary, path.join(releasesDir, currentLink));
  }

  async function publish(commit: string): Promise<void> {
    const startedAt = currentTime();
    const name = releaseName(commit, startedAt);
    const outDir = path.join(releasesDir, name);
    const subject = await commitSubject(gitDir, commit).catch(() => '');
    const id = await withStore('record the publish', (store) => recordPublishStarted(store, { commit, commitSubject: subject, branch: config.branch, release: name }, startedAt));
    log(`Publishing ${short(commit)} (${subject}) from ${config.branch}`);
    const finish = (ending: PublishEnding) => (id === undefined ? undefined : withStore('record the publish', (store) => recordPublishFinished(store, id, ending, currentTime())));
    const fail = async (stage: PublishStage, problems: PublishProblem[]) => {
      fs.rmSync(outDir, { recursive: true, force: true });
      if (stopped) return; // left running: the next start records it as interrupted
      await finish({ result: 'failed', stage, problems });
      if (stage !== 'check') tryAgainAt = Date.now() + retryMinutes * 60_000;
      console.error(`[publish] ${short(commit)} failed at the ${stageNames[stage]}; the live site is unchanged. ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n')}`);
    };

    let step = performance.now();
    const took: string[] = [];
    const lap = (what: string) => {
      const now = performance.now();
      took.push(`${what} ${seconds(now - step)}`);
      step = now;
    };
    try {
      fs.rmSync(sourceDir, { recursive: true, force: true });
      const exported = await exportPaths(gitDir, commit, ['content', 'public'], sourceDir);
      if (!exported.includes('content')) return await fail('fetch', [{ file: 'content', field: '(folder)', message: `is not in commit ${short(commit)}` }]);
      fs.mkdirSync(path.join(sourceDir, 'public'), { recursive: true });
    } catch (error) {
      return await fail('fetch', [{ file: '(repository)', field: '(export)', message: errorText(error) }]);
    }
    lap('export');

    const built = await buildRelease({ projectRoot, workspace, sourceDir, outDir, cacheDir });
    if (!built.ok) {
      if (built.stage === 'build') console.error(`[publish] The build's last output:\n${built.output.split('\n').slice(-40).join('\n')}`);
      return await fail(built.stage, built.problems);
    }
    lap('check and build');
    const info: ReleaseInfo = { commit, branch: config.branch, commitSubject: subject, builtAt: currentTime().toISOString() };
    fs.writeFileSync(path.join(outDir, releaseInfoFile), `${JSON.stringify(info, null, 2)}\n`);

    let announce: ((release: LiveRelease) => Promise<number>) | undefined;
    try {
      ({ announce } = await goLive(outDir));
    } catch (error) {
      return await fail('switch', [{ file: '(server)', field: '(switch)', message: errorText(error) }]);
    }
    lap('switch');
    live.release = name;
    live.commit = commit;
    try {
      pointCurrentAt(name);
    } catch (error) {
      console.error(`[publish] ${short(commit)} is live, but ${currentLink} could not be pointed at it (a restart would serve the one before): ${errorText(error)}`);
    }
    await finish({ result: 'published' });
    log(`${short(commit)} is live, ${seconds(currentTime().getTime() - startedAt.getTime())} after it was noticed (${took.join(', ')})`);

    try {
      await announce?.({ commit, sourceDir });
    } catch (error) {
      console.error(`[publish] Could not tell the senders of what ${short(commit)} published: ${errorText(error)}`);
    }
    try {
      removeOldReleases();
    } catch (error) {
      console.error(`[publish] Could not remove old releases: ${errorText(error)}`);
    }
  }

  /** Whether the branch needs looking at again (a notice came while a publish was under way). */
  let wanted = false;
  let working: Promise<void> | undefined;
  let poll: NodeJS.Timeout | undefined;

  async function work(): Promise<void> {
    while (wanted && !stopped) {
      wanted = false;
      const head = await lookAtBranch();
      if (!head || head === live.commit || stopped || (head === tried && Date.now() < tryAgainAt)) continue;
      tried = head;
      tryAgainAt = Number.POSITIVE_INFINITY;
      try {
        await publish(head);
      } catch (error) {
        console.error(`[publish] ${short(head)} stopped unexpectedly: ${errorText(error)}`);
      }
    }
  }

  const publisher: Publisher = {
    notice(why) {
      if (stopped) return;
      if (why) log(why);
      wanted = true;
      working ??= work().finally(() => {
        working = undefined;
        if (wanted && !stopped) publisher.notice();
      });
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (processWide[publisherKey] === publisher) delete processWide[publisherKey];
      stopBuild();
      await working;
    },
  };

  await withStore('close the publishes a stopped server left running', (store) => recordInterrupted(store, currentTime()));
  removeOldReleases();
  processWide[publisherKey] = publisher;
  log(`Following ${config.branch} of ${describeRepository(config.repo)}${config.pollSeconds ? `, looking every ${config.pollSeconds} s` : ', when its webhook fires'}; live: ${live.commit ? short(live.commit) : 'the server\'s own build'}`);
  if (config.pollSeconds) poll = setInterval(() => publisher.notice(), config.pollSeconds * 1000);
  poll?.unref();
  publisher.notice();
  return publisher;
}
