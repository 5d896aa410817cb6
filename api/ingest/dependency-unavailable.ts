// A dependency the acknowledgement needs is away: the probe gets 503 + Retry-After and retries.
import { ackDependencySeconds } from './ack-metrics.ts';

export type Dependency = 'temporal' | 's3' | 'postgres';

export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * Runs `fn` with a deadline, mapping any failure or timeout to DependencyUnavailableError. `fn`
 * gets the deadline so it can pass it on (a gRPC deadline ends the call instead of leaving it
 * pending on a hanging server).
 */
export async function needs<T>(dependency: Dependency, timeoutMs: number, fn: (deadline: Date) => Promise<T>): Promise<T> {
  const deadline = new Date(Date.now() + timeoutMs);
  const timed = ackDependencySeconds.startTimer({ dependency });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([fn(deadline), timeout]);
    timed({ outcome: 'ok' });
    return result;
  } catch (err) {
    timed({ outcome: 'error' });
    throw err instanceof DependencyUnavailableError ? err : new DependencyUnavailableError(dependency, err);
  } finally {
    clearTimeout(timer);
  }
}
