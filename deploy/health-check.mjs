#!/usr/bin/env node
// Health check of the systemd units (deploy/systemd/): waits until every URL answers 2xx, or
// fails. `--timeout 0` asks once (the periodic check); the units' ExecStartPost waits up to 120 s.
//   node deploy/health-check.mjs [--timeout SECONDS] URL...
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { timeout: { type: 'string', default: '120' } }, allowPositionals: true });
const timeoutMs = Number(values.timeout) * 1000;
if (positionals.length === 0 || !(timeoutMs >= 0)) {
  process.stderr.write('usage: health-check.mjs [--timeout SECONDS] URL...\n');
  process.exit(2);
}

async function healthy(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err.cause?.code ?? err.message;
  }
}

const deadline = Date.now() + timeoutMs;
for (const url of positionals) {
  for (;;) {
    const problem = await healthy(url);
    if (problem === null) break;
    if (Date.now() >= deadline) {
      process.stderr.write(`unhealthy: ${url} (${problem})\n`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
