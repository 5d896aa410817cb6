// GET /api/v2/ooniprobe/vpn-config/{provider}: OpenVPN credentials and endpoints of a VPN provider,
// as OONI's ooniprobe service serves them (it fetches riseupvpn's from riseup; we serve what the
// operator configured: the JSON file named by VPN_CONFIG_FILE, read once at start). An unknown
// provider is a 404, as upstream's "provider not found".
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { NO_CACHE } from './http.ts';
import type { ProbeServicesOptions } from './options.ts';

const endpoint = z.object({
  address: z.string().regex(/^[^\s/?&#]+:\d{1,5}$/, 'host:port'),
  protocol: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .default('openvpn'),
  transport: z.enum(['tcp', 'udp']),
});

const provider = z.object({
  protocol: z.string().min(1).default('openvpn'),
  config: z.object({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }),
  /** when the credentials last changed; answered as `…T…:…:….ffffffZ` */
  date_updated: z.iso.datetime({ offset: true }),
  endpoints: z.array(endpoint).default([]),
});

/** The VPN_CONFIG_FILE format: provider name → its configuration. */
const vpnProvidersFile = z.record(z.string().regex(/^[a-z0-9_-]{1,64}$/), provider);
export type VpnProviders = z.infer<typeof vpnProvidersFile>;

/** Reads and checks VPN_CONFIG_FILE; a bad file stops the start with the path and the problem. */
export function loadVpnProviders(path: string): VpnProviders {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`VPN_CONFIG_FILE ${path}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = vpnProvidersFile.safeParse(json);
  if (!parsed.success) throw new Error(`VPN_CONFIG_FILE ${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** `2024-01-15T12:00:00.000000Z`, the format of upstream's date_updated. */
const micros = (iso: string) => new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** Up to `n` distinct items in random order, from `random` bytes (upstream: random.sample). */
function sample<T>(items: readonly T[], n: number, random: (n: number) => Uint8Array): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    const bytes = random(4);
    const r = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    out.push(pool.splice(r % pool.length, 1)[0]!);
  }
  return out;
}

export function createVpnConfigRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.get('/api/v2/ooniprobe/vpn-config/:provider', (c) => {
    const name = c.req.param('provider');
    const p = Object.hasOwn(opts.vpnProviders, name) ? opts.vpnProviders[name] : undefined;
    if (!p) throw new ApiError('vpn_provider_not_found', 'provider not found');
    const endpoints = p.endpoints.map((e) => `${e.protocol}://${name}.corp/?address=${e.address}&transport=${e.transport}`);
    return c.json(
      {
        provider: name,
        protocol: p.protocol,
        config: { ca: p.config.ca, cert: p.config.cert, key: p.config.key },
        date_updated: micros(p.date_updated),
        endpoints: sample(endpoints, 4, opts.random),
      },
      200,
      NO_CACHE,
    );
  });
  return app;
}
