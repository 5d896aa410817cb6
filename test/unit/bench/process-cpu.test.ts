// bench/process-cpu.ts: CPU seconds per process group between two /proc snapshots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuShares, cpuSnapshot, formatCpuShares, type CpuSnapshot } from '../../../bench/process-cpu.ts';

const snap = (processes: [number, string, number][], busy: number, total: number): CpuSnapshot => ({
  processes: new Map(processes.map(([pid, comm, ticks]) => [pid, [comm, ticks]])),
  machine: { busy, total },
});

test('groups by given pids, then by server name, the rest as other; new processes count from zero', () => {
  const before = snap(
    [
      [10, 'node', 100],
      [20, 'temporal', 500],
      [30, 'postgres', 50],
      [40, 'bash', 7],
      [50, 'postgres', 10], // replaced by an unrelated process with the same pid
    ],
    1000,
    4000,
  );
  const after = snap(
    [
      [10, 'node', 300],
      [20, 'temporal', 900],
      [30, 'postgres', 80],
      [31, 'postgres', 20],
      [40, 'bash', 9],
      [50, 'versitygw', 5],
    ],
    1900,
    6000,
  );
  const shares = cpuShares(before, after, { worker: [10] });
  assert.deepEqual(shares.seconds, { worker: 2, temporal: 4, postgres: 0.5, other: 0.02, s3: 0.05 });
  assert.equal(shares.machineBusy, 9);
  assert.equal(shares.machineCapacity, 20);
  const lines = formatCpuShares(shares, 100, 'measurement');
  assert.equal(lines[0], 'machine busy 9.0 of 20.0 CPU s (45%); per group:');
  assert.match(lines[1]!, /^temporal +4\.0 s +20% +40\.00 ms\/measurement$/);
  assert.equal(lines.length, 6);
});

test('a real snapshot of this machine sees this process', () => {
  const s = cpuSnapshot();
  assert.ok(s.processes.has(process.pid));
  assert.ok(s.machine.total >= s.machine.busy && s.machine.busy > 0);
});
