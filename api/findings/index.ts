// createFindingsRoutes: OONI Explorer's findings (incidents), as OONI's oonifindings service —
// search and show for everyone, create/update/delete/publish with a session. Metered like the
// query API; write bodies capped. Facts: ooni/backend ooniapi/services/oonifindings.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { queryRateLimiter } from '../query/index.ts';
import { createFindingCreateRoutes } from './create.ts';
import { createFindingDeleteRoutes } from './delete.ts';
import { MAX_FINDING_BODY_BYTES } from './http.ts';
import { createFindingPublishRoutes } from './publish.ts';
import { createFindingSearchRoutes } from './search.ts';
import { createFindingShowRoutes } from './show.ts';
import { createFindingUpdateRoutes } from './update.ts';

export function createFindingsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('/api/v1/incidents/*', queryRateLimiter(deps));
  app.post(
    '/api/v1/incidents/*',
    bodyLimit({
      maxSize: MAX_FINDING_BODY_BYTES,
      onError: () => {
        throw new ApiError('body_too_large', `incidents bodies are at most ${MAX_FINDING_BODY_BYTES} bytes`);
      },
    }),
  );
  // the fixed write paths before /incidents/{action}
  for (const routes of [
    createFindingSearchRoutes(deps),
    createFindingShowRoutes(deps),
    createFindingCreateRoutes(deps),
    createFindingUpdateRoutes(deps),
    createFindingDeleteRoutes(deps),
    createFindingPublishRoutes(deps),
  ]) {
    app.route('/', routes);
  }
  return app;
}
