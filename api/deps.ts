// What the HTTP API needs, built once by api/server.ts (or by a test): the shared Infra and the config.
import type { RuntimeConfig } from '../lib/config.ts';
import type { Infra } from '../lib/infra.ts';

export type ApiDeps = Infra & { config: RuntimeConfig };
