import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc CPU counters (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A named set of processes whose CPU time is summed, resolved afresh at each reading. */
export type ProcessGroups = Record<string, () => number[]>;

interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  ticks: number;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state, ppid, ... utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(fields[1]), argv, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/** Processes whose argv matches, plus their direct children (e.g. a postmaster and its backends). */
export function processTree(matches: (argv: string[]) => boolean): () => number[] {
  return () => {
    const processes = allProcesses();
    const roots = new Set(processes.filter((info) => matches(info.argv)).map((info) => info.pid));
    return processes.filter((info) => roots.has(info.pid) || roots.has(info.ppid)).map((info) => info.pid);
  };
}

export const single =
  (pid: number | undefined): (() => number[]) =>
  () =>
    pid === undefined ? [] : [pid];

function machineBusyTicks(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + values[4]; // idle + iowait
  return values.reduce((sum, value) => sum + value, 0) - idle;
}

function groupTicks(groups: ProcessGroups): Map<string, Map<number, number>> {
  return new Map(
    Object.entries(groups).map(([name, resolve]) => [
      name,
      new Map(
        resolve().flatMap((pid) => {
          const info = readProcess(pid);
          return info ? [[pid, info.ticks] as const] : [];
        }),
      ),
    ]),
  );
}

export interface CpuShare {
  /** CPU seconds used during the window per group, plus 'machine total' and 'other'. */
  seconds: Record<string, number>;
  wallSeconds: number;
}

/**
 * Measures CPU seconds per process group over a window, plus the machine total; 'other' is the rest (on a
 * shared machine: other people's work). Processes started in the window count in full.
 */
export function startCpuWindow(groups: ProcessGroups): { stop(): CpuShare } {
  const before = groupTicks(groups);
  const machineBefore = machineBusyTicks();
  const started = Date.now();
  return {
    stop: () => {
      const after = groupTicks(groups);
      const seconds: Record<string, number> = {};
      let accounted = 0;
      for (const [name, pids] of after) {
        let ticks = 0;
        for (const [pid, end] of pids) ticks += end - (before.get(name)?.get(pid) ?? 0);
        seconds[name] = ticks / TICKS_PER_SECOND;
        accounted += seconds[name];
      }
      const total = (machineBusyTicks() - machineBefore) / TICKS_PER_SECOND;
      seconds.other = Math.max(0, total - accounted);
      seconds['machine total'] = total;
      return { seconds, wallSeconds: (Date.now() - started) / 1000 };
    },
  };
}

/** "api 12.3s (41%), worker ..." with shares of the machine total. */
export function describeCpu(share: CpuShare): string {
  const total = share.seconds['machine total'] || 1;
  const parts = Object.entries(share.seconds)
    .filter(([name]) => name !== 'machine total')
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}s (${Math.round((seconds / total) * 100)}%)`);
  return `${parts.join(', ')}; machine busy ${total.toFixed(1)} CPU-s in ${share.wallSeconds.toFixed(1)} s wall`;
}

/** CPU milliseconds per operation, per group (for comparing work done per submission). */
export function cpuPerOperation(share: CpuShare, operations: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(share.seconds).map(([name, seconds]) => [name, (seconds * 1000) / Math.max(1, operations)]),
  );
}

/** "api 4.1 ms, postgres 2.0 ms": CPU per operation of the named groups present, in the order given. */
export const cpuPerOperationNote = (cpuMs: Record<string, number>, names: readonly string[]): string =>
  names
    .filter((name) => name in cpuMs)
    .map((name) => `${name} ${cpuMs[name].toFixed(1)} ms`)
    .join(', ');
