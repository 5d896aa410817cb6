// createAuthRoutes: the account routes (ooniauth v1 and v2) over one login flow.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { createLoginFlow } from './login-flow.ts';
import { createOoniauthV1Routes } from './ooniauth-v1.ts';
import { createOoniauthV2Routes } from './ooniauth-v2.ts';

export function createAuthRoutes(deps: ApiDeps): Hono {
  const flow = createLoginFlow(deps);
  const app = new Hono();
  app.route('/', createOoniauthV2Routes(flow));
  app.route('/', createOoniauthV1Routes(flow));
  return app;
}
