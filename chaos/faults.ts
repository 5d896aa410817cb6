// The faults the chaos run injects, one after another, each followed by its recovery.
import type { ChaosStack } from './stack.ts';

export interface Fault {
  name: string;
  inject(stack: ChaosStack): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function faults(o: { s3OutageSeconds: number }): Fault[] {
  return [
    {
      name: 'worker SIGKILL',
      async inject(s) {
        await s.kill('worker');
        await s.start('worker');
      },
    },
    {
      name: 'API SIGKILL',
      async inject(s) {
        await s.kill('api');
        await s.start('api');
      },
    },
    {
      name: 'Temporal restart',
      async inject(s) {
        await s.stop('temporal');
        await s.start('temporal');
      },
    },
    {
      name: `S3 down ${o.s3OutageSeconds} s`,
      async inject(s) {
        await s.stop('s3');
        await sleep(o.s3OutageSeconds * 1000); // the outage itself
        await s.start('s3');
      },
    },
    {
      name: 'PostgreSQL restart',
      async inject(s) {
        await s.stop('postgres');
        await s.start('postgres');
      },
    },
  ];
}
