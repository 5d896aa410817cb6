#!/usr/bin/env node
// Installs everything `npm start` and `npm test` need, and nothing more: npm packages from the
// committed lockfile, then the Temporal CLI and versitygw built with `go install` into a
// git-ignored tools folder; with TEMPORAL_MODE=cluster also the Temporal server, its SQL tool and
// the Web UI server (a ~20 minute build: never done otherwise); with `--tests` (npm test) also the
// Chromium the browser tests drive.
// Idempotent and fast when already done. Plain Node: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = resolve(root, process.env.TOOLS_DIR || '.tools/bin');

/** Go programs the stack runs; versions are pinned (see DESIGN §2). */
export const GO_TOOLS = [
  { name: 'temporal', pkg: 'github.com/temporalio/cli/cmd/temporal', version: 'v1.5.1' },
  { name: 'versitygw', pkg: 'github.com/versity/versitygw/cmd/versitygw', version: 'v1.7.0' },
];

/**
 * The production-shaped Temporal of `TEMPORAL_MODE=cluster` (stack/services/temporal-cluster.ts).
 * Their packages build binaries named `server` and `sql`, renamed here. v1.32.1 installs cleanly
 * with Go 1.26.8; ui-server v2.55.0 is the newest whose go.mod asks no newer Go than that.
 */
export const CLUSTER_GO_TOOLS = [
  { name: 'temporal-server', pkg: 'go.temporal.io/server/cmd/server', version: 'v1.32.1' },
  { name: 'temporal-sql-tool', pkg: 'go.temporal.io/server/cmd/tools/sql', version: 'v1.32.1' },
  { name: 'temporal-ui-server', pkg: 'github.com/temporalio/ui-server/v2/cmd/server', version: 'v2.55.0' },
];

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`\n[setup] ERROR: ${message}\n\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status === 0;
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function installNpmPackages() {
  // What decides the installed tree: the lockfile and which install scripts may run.
  const lock = readFileSync(join(root, 'package-lock.json'));
  const { allowScripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const digest = createHash('sha256')
    .update(lock)
    .update(JSON.stringify(allowScripts ?? {}))
    .digest('hex');
  const stamp = join(root, 'node_modules', '.ooni-pipeline-setup');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  log('installing npm packages from package-lock.json (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci failed (see the output above)');
  writeFileSync(stamp, digest);
}

function findGo() {
  return onPath('go') || (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
}

function installGoTools(tools) {
  const missing = tools.filter((t) => !existsSync(join(toolsDir, t.name)) && !onPath(t.name));
  if (missing.length === 0) return;
  const go = findGo();
  if (!go) {
    const names = missing.map((t) => `${t.pkg}@${t.version}`).join(' and ');
    fail(
      `Go 1.25 or newer is needed to build ${names}.\n` +
        '  Install Go (https://go.dev/doc/install) and run this again, or put already built\n' +
        `  binaries named ${missing.map((t) => t.name).join(', ')} on PATH or in ${toolsDir}.`,
    );
  }
  mkdirSync(toolsDir, { recursive: true });
  for (const tool of missing) {
    log(`building ${tool.name} ${tool.version} with go install (first run only; a few minutes)…`);
    // Each into a folder of its own, then moved to its name: two of them are called `server`.
    const gobin = join(toolsDir, '.build', tool.name);
    mkdirSync(gobin, { recursive: true });
    const ok = run(go, ['install', `${tool.pkg}@${tool.version}`], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
    });
    if (!ok) fail(`go install ${tool.pkg}@${tool.version} failed (see the output above)`);
    renameSync(join(gobin, basename(tool.pkg)), join(toolsDir, tool.name));
    rmSync(gobin, { recursive: true, force: true });
  }
}

/** Where Debian's chromium package puts the browser; test/helpers/browser.ts looks there too. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The browser tests (test/browser/) drive a system Chromium through playwright-core, which downloads none. */
function installChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutableFile(configured)) fail(`CHROMIUM_PATH=${configured} is not an executable file (a Chromium or Chrome binary).`);
    return;
  }
  if (isExecutableFile(DEBIAN_CHROMIUM)) return;
  const apt = onPath('apt-get');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!apt || !root) {
    fail(
      `the browser tests need Chromium at ${DEBIAN_CHROMIUM}, and it is not there.\n` +
        '  On Debian install it with `sudo apt-get install chromium` and run this again (as root it is\n' +
        '  done for you), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  log('installing Chromium for the browser tests (apt-get, first run only)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run(apt, ['update'], { env })) fail('apt-get update failed (see the output above)');
  if (!run(apt, ['install', '-y', 'chromium'], { env })) fail('apt-get install -y chromium failed (see the output above)');
  if (!isExecutableFile(DEBIAN_CHROMIUM)) {
    fail(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is not there; set CHROMIUM_PATH to the browser's executable.`);
  }
}

installNpmPackages();
installGoTools(process.env.TEMPORAL_MODE === 'cluster' ? [...GO_TOOLS, ...CLUSTER_GO_TOOLS] : GO_TOOLS);
if (process.argv.includes('--tests')) installChromium();
