// Terminal output of `reprocess`: a one-line progress bar and the verdict-change summary.
import type { ReprocessProgress } from '../../workflows/reprocess.ts';

export function drawProgress(p: ReprocessProgress, startedMs: number): void {
  const width = 30;
  const ratio = p.planned > 0 ? Math.min(1, p.measurements / p.planned) : 0;
  const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '-');
  const seconds = Math.max(0.001, (Date.now() - startedMs) / 1000);
  const rate = Math.round(p.measurements / seconds);
  process.stderr.write(`\r[${bar}] ${p.measurements}/${p.planned} measurements, day ${p.day} (${p.daysDone}/${p.days}), ${rate} msmt/s  `);
}

export function formatTransitions(t: Record<string, number>): string {
  const entries = Object.entries(t).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return 'verdicts changed: none';
  const changed = entries.filter(([k]) => k !== 'new row').reduce((n, [, v]) => n + v, 0);
  return [`verdicts changed: ${changed}`, ...entries.map(([k, v]) => `  ${k}: ${v}`)].join('\n');
}
