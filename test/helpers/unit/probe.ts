// Shared test helpers: a probe-services app with a fixed clock and deterministic randomness,
// and checks mirroring how probe-cli's Go structs decode our answers.
import assert from 'node:assert/strict';
import { createProbeServicesRoutes, defaultProbeServicesOptions, type ProbeServicesOptions } from '../../../api/probe/index.ts';

export const NOW = new Date('2026-03-01T12:34:56.789Z');

export function testOptions(overrides: Partial<ProbeServicesOptions> = {}): ProbeServicesOptions {
  let counter = 0;
  return defaultProbeServicesOptions({
    now: () => NOW,
    random: (n) => new Uint8Array(n).fill(counter++ % 256),
    jwtSecret: 'test-secret',
    ...overrides,
  });
}

export function testApp(overrides: Partial<ProbeServicesOptions> = {}) {
  return createProbeServicesRoutes(testOptions(overrides));
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  };
}

/** Go's time.Time accepts RFC 3339; we always send whole seconds in UTC. */
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function assertString(v: unknown, what: string): asserts v is string {
  assert.equal(typeof v, 'string', `${what} must be a string`);
}

export function assertObject(v: unknown, what: string): asserts v is Record<string, unknown> {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `${what} must be a JSON object`);
}

/** map[string][]model.OOAPIService{Address, Type, Front string}. */
export function assertTestHelpersShape(v: unknown): void {
  assertObject(v, 'test helpers');
  for (const [name, list] of Object.entries(v)) {
    assert.ok(Array.isArray(list), `${name} must be a list`);
    for (const entry of list) {
      assertObject(entry, name);
      assertString(entry['address'], `${name}.address`);
      assertString(entry['type'], `${name}.type`);
      if ('front' in entry) assertString(entry['front'], `${name}.front`);
    }
  }
}

export async function errorBody(res: Response): Promise<{ error: string; message: string }> {
  const body = (await res.json()) as { error: string; message: string };
  assertString(body.error, 'error');
  assertString(body.message, 'message');
  return body;
}
