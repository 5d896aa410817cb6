// The connection settings of a running `npm start` stack, kept in <DATA_DIR>/stack.env while it
// runs, so `npx ooni-pipeline …` in another terminal reaches the same PostgreSQL, Temporal and S3
// without exporting anything. Used only when the environment names no database itself.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const STACK_ENV_KEYS = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_BUCKET', 'TEMPORAL_TASK_QUEUE'] as const;

export const stackEnvPath = (dataDir: string) => join(dataDir, 'stack.env');

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
  const dataDir = resolve(root, env.DATA_DIR || '.data');
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
