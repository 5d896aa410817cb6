// The connection settings of a running `npm start` stack, kept in <DATA_DIR>/stack.env while it
// runs, so `npx ooni-pipeline …` in another terminal reaches the same PostgreSQL, Temporal and S3
// without exporting anything. Used only when the environment names no database itself.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { stackSchema } from './config.ts';

const STACK_ENV_KEYS = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_BUCKET',
  'TEMPORAL_TASK_QUEUE',
] as const;

export const stackEnvPath = (dataDir: string) => join(dataDir, 'stack.env');

/** The launcher's data directory for `env`: DATA_DIR under `root`, with the launcher's default. */
export const stackDataDir = (env: NodeJS.ProcessEnv, root: string) => resolve(root, stackSchema.shape.DATA_DIR.parse(env.DATA_DIR || undefined));

/** KEY=VALUE lines of the stack's connection settings (the file may hold local S3 keys: mode 0600). */
export function writeStackEnv(dataDir: string, env: NodeJS.ProcessEnv): void {
  const path = stackEnvPath(dataDir);
  const lines = STACK_ENV_KEYS.filter((k) => env[k]).map((k) => `${k}=${env[k]}`);
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function removeStackEnv(dataDir: string): void {
  rmSync(stackEnvPath(dataDir), { force: true });
}

export function parseStackEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m && (STACK_ENV_KEYS as readonly string[]).includes(m[1]!)) out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * When `env` names no database (no configuration at all), fills it from the stack.env of a
 * running stack in DATA_DIR (default `.data` under `root`); returns the file used, or null.
 */
export function loadStackEnv(env: NodeJS.ProcessEnv, root: string): string | null {
  if (env.DATABASE_URL) return null;
  const dataDir = stackDataDir(env, root);
  const path = stackEnvPath(dataDir);
  if (!existsSync(path) || !stackRunning(dataDir)) return null;
  for (const [k, v] of Object.entries(parseStackEnv(readFileSync(path, 'utf8')))) if (!env[k]) env[k] = v;
  return path;
}

/** The launcher that wrote stack.pid is alive (a killed stack leaves a stale file behind). */
function stackRunning(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(dataDir, 'stack.pid'), 'utf8'));
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What the CLI says when the environment names no database and no running stack was found in
 * DATA_DIR; running stacks in other folders under `root` are named with the DATA_DIR that reaches them.
 */
export function noStackMessage(env: NodeJS.ProcessEnv, root: string): string {
  const dataDir = stackDataDir(env, root);
  const others = runningStacksUnder(root).filter((dir) => dir !== dataDir);
  const lines = [
    `no running stack found in ${stackEnvPath(dataDir)}; start one with npm start (DATA_DIR=${relative(root, dataDir) || '.'})`,
    'or set DATABASE_URL, TEMPORAL_ADDRESS and the S3_* settings of the services to use.',
  ];
  for (const dir of others) lines.push(`a stack is running in ${dir}: DATA_DIR=${relative(root, dir)} npx ooni-pipeline …`);
  return lines.join('\n');
}

/** Folders directly under `root` with the stack.env of a live launcher. */
function runningStacksUnder(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && e.name !== 'node_modules')
    .map((e) => join(root, e.name))
    .filter((dir) => existsSync(stackEnvPath(dir)) && stackRunning(dir));
}
