/**
 * Runs a command and measures its wall time, its CPU time and the peak memory of its whole process
 * tree (the build script, Astro's Node process, the Pagefind binary), by sampling /proc: the resident
 * set sizes of the process and all its descendants, summed at each sample.
 *
 * CPU time (user + system): this process's own children's time grows by exactly the CPU of each
 * child tree it has waited for, so its difference before and after is the tree's, except for a
 * process whose parent exited without waiting for it (Pagefind's binary, when the Node process that
 * started it exits at once after closing it): init waits for that one, and its time is lost. So each
 * process's own CPU time is also sampled with its memory, and the larger of the two sums is taken:
 * the first is exact when nothing was orphaned, the second misses only each process's last 100 ms.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';

export interface Measured {
  seconds: number;
  /** CPU seconds (user + system) of the whole process tree (see above). */
  cpuSeconds: number;
  /** The part of it this process's children's time accounts for (all of it unless a process was orphaned). */
  cpuWaitedForSeconds: number;
  /** CPU seconds (user + system) each program (by /proc comm name) used on its own, as last sampled. */
  cpuByProgram: Map<string, number>;
  /** Highest sum of RSS over the process tree at one sample. */
  peakTreeBytes: number;
  /** Highest RSS each program (by /proc comm name) reached on its own. */
  peakByProgram: Map<string, number>;
  /** Seconds from the start at which the tree peaked. */
  peakAtSeconds: number;
  /** Peak tree RSS in each phase, in order, where phases are told apart by lines the command prints. */
  peakByPhase: Map<string, number>;
  /** Seconds spent in each phase. */
  secondsByPhase: Map<string, number>;
  /** CPU seconds (user + system) of the tree in each phase, read from /proc when the phase's line is printed. */
  cpuByPhase: Map<string, number>;
  output: string;
}

/** A phase starts at the first printed line that matches its pattern. */
export interface Phase {
  name: string;
  startsAt: RegExp;
}

const pageSize = 4096;
const sampleEveryMs = 100;
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The process's CPU seconds (its own, and its finished children's: the builds and git) and its resident memory, from /proc. */
export function processUsage(pid: number): { ownCpu: number; childrenCpu: number; rssBytes: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // After the name: utime, stime, cutime, cstime are fields 11-14, rss (pages) 21.
  return { ownCpu: (fields[11]! + fields[12]!) / clockTicks, childrenCpu: (fields[13]! + fields[14]!) / clockTicks, rssBytes: fields[21]! * 4096 };
}


interface ProcessSample {
  pid: number;
  parent: number;
  program: string;
  rssBytes: number;
  /** CPU seconds (user + system) of the process itself. */
  ownCpu: number;
  /** CPU seconds (user + system) of its children it has waited for. */
  childrenCpu: number;
}

function readProcess(pid: number): ProcessSample | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The program name is in parentheses and may itself contain spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const program = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After the name: state, ppid, …; utime, stime, cutime, cstime are fields 14-17 of stat (11-14 after the name), rss (in pages) 24 (21).
    const ownCpu = (Number(fields[11]) + Number(fields[12])) / clockTicks;
    const childrenCpu = (Number(fields[13]) + Number(fields[14])) / clockTicks;
    return { pid, parent: Number(fields[1]), program, rssBytes: Number(fields[21]) * pageSize, ownCpu, childrenCpu };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** The process and every descendant, with their current RSS. */
export function processTree(root: number): ProcessSample[] {
  const all = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).map(readProcess).filter((sample) => sample !== undefined);
  const children = new Map<number, ProcessSample[]>();
  for (const sample of all) children.set(sample.parent, [...(children.get(sample.parent) ?? []), sample]);
  const tree: ProcessSample[] = [];
  const rootSample = all.find((sample) => sample.pid === root);
  const queue = rootSample ? [rootSample] : [];
  while (queue.length) {
    const next = queue.shift()!;
    tree.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return tree;
}

export function runMeasured(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean; phases?: Phase[] } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = processUsage(process.pid).childrenCpu;
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let phase = 'start';
    let phaseStarted = started;
    const secondsByPhase = new Map<string, number>();
    const cpuByPhase = new Map<string, number>();
    /** Every process seen in the tree, with its own CPU seconds when last sampled. */
    const seen = new Map<number, { program: string; ownCpu: number }>();
    const sampledCpu = () => [...seen.values()].reduce((sum, member) => sum + member.ownCpu, 0);
    let cpuSoFar = 0;
    /** The tree's CPU seconds so far: the larger of its live members' own and waited-for children's, and every process's own as sampled. */
    const treeCpu = (tree: ProcessSample[]) => {
      for (const member of tree) seen.set(member.pid, { program: member.program, ownCpu: member.ownCpu });
      const live = tree.reduce((sum, member) => sum + member.ownCpu + member.childrenCpu, 0);
      cpuSoFar = Math.max(cpuSoFar, live, sampledCpu());
      return cpuSoFar;
    };
    const tree = () => (child.pid === undefined ? [] : processTree(child.pid));
    let phaseCpuStarted = 0;
    const endPhase = (cpuNow: number) => {
      const now = performance.now();
      secondsByPhase.set(phase, (secondsByPhase.get(phase) ?? 0) + (now - phaseStarted) / 1000);
      cpuByPhase.set(phase, (cpuByPhase.get(phase) ?? 0) + Math.max(0, cpuNow - phaseCpuStarted));
      phaseStarted = now;
      phaseCpuStarted = cpuNow;
    };
    const result = { peakTreeBytes: 0, peakAtSeconds: 0, peakByProgram: new Map<string, number>(), peakByPhase: new Map<string, number>() };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (!options.quiet) process.stdout.write(text);
      const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
      for (const line of lines) {
        const next = options.phases?.find((candidate) => candidate.startsAt.test(line))?.name;
        if (next && next !== phase) {
          endPhase(treeCpu(tree()));
          phase = next;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const sample = () => {
      const members = tree();
      if (!members.length) return;
      treeCpu(members);
      const total = members.reduce((sum, member) => sum + member.rssBytes, 0);
      if (total > result.peakTreeBytes) {
        Object.assign(result, { peakTreeBytes: total, peakAtSeconds: (performance.now() - started) / 1000 });
      }
      result.peakByPhase.set(phase, Math.max(result.peakByPhase.get(phase) ?? 0, total));
      for (const member of members) result.peakByProgram.set(member.program, Math.max(result.peakByProgram.get(member.program) ?? 0, member.rssBytes));
    };
    const timer = setInterval(sample, sampleEveryMs);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      // The child has been waited for by now ('close' comes after its exit), so its tree's time is in this process's children's time.
      const cpuWaitedForSeconds = processUsage(process.pid).childrenCpu - cpuBefore;
      const cpuSeconds = Math.max(cpuWaitedForSeconds, sampledCpu());
      endPhase(Math.max(cpuSeconds, cpuSoFar));
      const cpuByProgram = new Map<string, number>();
      for (const { program, ownCpu } of seen.values()) cpuByProgram.set(program, (cpuByProgram.get(program) ?? 0) + ownCpu);
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`));
      else resolve({ seconds, cpuSeconds, cpuWaitedForSeconds, cpuByProgram, output, secondsByPhase, cpuByPhase, ...result });
    });
  });
}
