// The {revision} path parameter of the descriptor routes: `latest` or a revision number.
import { ApiError } from '../errors.ts';
import { REVISION_PATTERN } from './schemas.ts';

const MAX_REVISION = 2 ** 31 - 1;

export function parseRevision(raw: string): number | 'latest' {
  if (!REVISION_PATTERN.test(raw)) {
    throw new ApiError('oonirun_invalid_revision', "invalid revision number specified, must be 'latest' or a number");
  }
  if (raw === 'latest') return 'latest';
  // a number beyond any revision names none (and never reaches SQL as an integer)
  const n = Number(raw);
  return n > MAX_REVISION ? 0 : n;
}
