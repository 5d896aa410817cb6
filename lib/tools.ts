// Where the Go binaries built by scripts/setup.mjs are: the tools folder first, then PATH.
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type ToolName = 'temporal' | 'versitygw' | 'temporal-server' | 'temporal-sql-tool' | 'temporal-ui-server';

export function findTool(name: ToolName, toolsDir = process.env.TOOLS_DIR || '.tools/bin'): string {
  const local = resolve(REPO_ROOT, toolsDir, name);
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `${name} not found in ${resolve(REPO_ROOT, toolsDir)} nor on PATH: run \`npm run setup\`${name.startsWith('temporal-') ? ' with TEMPORAL_MODE=cluster' : ''}`,
  );
}
