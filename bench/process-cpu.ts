// Where the machine's CPU goes during a bench: CPU seconds per group of processes (the worker, the
// API, the Temporal server, PostgreSQL, versitygw, the bench itself, everything else) between two
// snapshots of /proc, beside the machine's busy time from /proc/stat. On a shared 2-core machine
// this tells a bottleneck of ours from another tenant's load. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture node runs on */
const TICKS_PER_SECOND = 100;

/** process names (comm, at most 15 characters) of the stack's servers */
const SERVERS: Record<string, string> = {
  temporal: 'temporal',
  'temporal-server': 'temporal',
  postgres: 'postgres',
  versitygw: 's3',
};

export interface CpuSnapshot {
  /** pid → [comm, utime + stime in ticks] */
  processes: Map<number, [string, number]>;
  /** busy and total ticks of all CPUs (busy excludes idle and iowait) */
  machine: { busy: number; total: number };
}

function processTicks(pid: string): [string, number] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' '); // fields[0] is the state, field 3 of stat(5)
    return [comm, Number(fields[11]) + Number(fields[12])]; // utime, stime: fields 14 and 15
  } catch {
    return undefined; // gone
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const processes = new Map<number, [string, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ticks = processTicks(name);
    if (ticks) processes.set(Number(name), ticks);
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  return { processes, machine: { busy: total - cpu[3]! - cpu[4]!, total } };
}

export interface CpuShares {
  /** CPU seconds per group, between the two snapshots */
  seconds: Record<string, number>;
  /** the machine's busy CPU seconds and its capacity (wall seconds × CPUs) */
  machineBusy: number;
  machineCapacity: number;
}

/**
 * CPU seconds per group between `before` and `after`: `pids` name node processes (the worker,
 * the API); servers are found by name; the bench is this process; the rest is "other".
 * Processes that ended in between are not counted (their time is in the machine's busy figure).
 */
export function cpuShares(before: CpuSnapshot, after: CpuSnapshot, pids: Record<string, number[]>): CpuShares {
  const groupOf = new Map<number, string>([[process.pid, 'bench']]);
  for (const [group, list] of Object.entries(pids)) for (const pid of list) groupOf.set(pid, group);
  const seconds: Record<string, number> = {};
  for (const [pid, [comm, ticks]] of after.processes) {
    const earlier = before.processes.get(pid);
    const delta = ticks - (earlier && earlier[0] === comm ? earlier[1] : 0);
    const group = groupOf.get(pid) ?? SERVERS[comm] ?? 'other';
    seconds[group] = (seconds[group] ?? 0) + delta / TICKS_PER_SECOND;
  }
  const totalTicks = after.machine.total - before.machine.total;
  return {
    seconds,
    machineBusy: (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND,
    machineCapacity: totalTicks / TICKS_PER_SECOND,
  };
}

/** One line per group, largest first: CPU seconds, share of the machine, and ms per `unit` of work. */
export function formatCpuShares(shares: CpuShares, units: number, unit: string): string[] {
  const pct = (s: number) => `${((100 * s) / shares.machineCapacity).toFixed(0)}%`;
  const lines = Object.entries(shares.seconds)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([group, s]) =>
        `${group.padEnd(9)} ${s.toFixed(1).padStart(6)} s  ${pct(s).padStart(4)}  ${((1000 * s) / units).toFixed(2).padStart(6)} ms/${unit}`,
    );
  return [
    `machine busy ${shares.machineBusy.toFixed(1)} of ${shares.machineCapacity.toFixed(1)} CPU s (${pct(shares.machineBusy)}); per group:`,
    ...lines,
  ];
}
