// deploy/systemd/ passes `systemd-analyze verify` with no warning: every directive known, every
// referenced unit and command there. The units name /opt/ooni-pipeline; the check runs on a
// copy pointing at a temporary prefix whose commands are stubs (the Go binaries are built only
// in the cluster profile). A unit with an unknown directive shows that the check can fail.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../../lib/tools.ts';

const PREFIX = '/opt/ooni-pipeline';
const unitsDir = join(REPO_ROOT, 'deploy', 'systemd');
const work = mkdtempSync(join(tmpdir(), 'systemd-units-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The units copied with PREFIX → a temporary prefix, and a stub for each command they run from it. */
function relocatedUnits(): string[] {
  const prefix = join(work, 'prefix');
  const out = join(work, 'units');
  mkdirSync(out, { recursive: true });
  return readdirSync(unitsDir).map((name) => {
    const text = readFileSync(join(unitsDir, name), 'utf8');
    for (const m of text.matchAll(/^Exec\w+=[-@:+!]*(\S+)/gm)) {
      if (!m[1]!.startsWith(`${PREFIX}/`)) continue;
      const stub = join(prefix, m[1]!.slice(PREFIX.length));
      mkdirSync(dirname(stub), { recursive: true });
      writeFileSync(stub, '#!/bin/sh\n');
      chmodSync(stub, 0o755);
    }
    const path = join(out, name);
    writeFileSync(path, text.replaceAll(PREFIX, prefix));
    return path;
  });
}

function verify(paths: string[]): { status: number | null; stderr: string } {
  const r = spawnSync('systemd-analyze', ['verify', ...paths], { encoding: 'utf8' });
  if (r.error) throw new Error(`systemd-analyze could not run: ${r.error.message} (Debian package systemd)`);
  return { status: r.status, stderr: r.stderr.trim() };
}

test('every unit in deploy/systemd passes systemd-analyze verify without a warning', () => {
  const paths = relocatedUnits();
  assert.ok(paths.length >= 9, `units found: ${paths.length}`);
  const names = paths.map((p) => p.split('/').at(-1));
  for (const unit of [
    'temporal@.service',
    'temporal-schema.service',
    'ooni-pipeline-worker@.service',
    'ooni-pipeline-api.service',
    'ooni-pipeline.target',
  ]) {
    assert.ok(names.includes(unit), `${unit} is there`);
  }
  assert.deepEqual(verify(paths), { status: 0, stderr: '' });
});

test('every service that stays up has a health check and is restarted when it fails', () => {
  for (const name of readdirSync(unitsDir).filter((n) => n.endsWith('.service'))) {
    const text = readFileSync(join(unitsDir, name), 'utf8');
    if (/^Type=oneshot$/m.test(text)) continue;
    assert.match(text, /^ExecStartPost=\/usr\/bin\/node \/opt\/ooni-pipeline\/deploy\/health-check\.mjs /m, `${name}: health check`);
    assert.match(text, /^Restart=on-failure$/m, `${name}: restart`);
  }
});

test('the check reports an unknown directive', () => {
  const bad = join(work, 'bad.service');
  writeFileSync(bad, '[Service]\nExecStart=/bin/true\nRestartt=always\n');
  assert.match(verify([bad]).stderr, /Unknown key 'Restartt'/);
});
