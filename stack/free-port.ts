// A TCP port nothing listens on right now, for services started on loopback (tests, chaos).
import { createServer } from 'node:net';
import { TEMPORAL_SERVICES, type TemporalClusterPorts } from './services/temporal-cluster-config.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Free ports, all different, for every process of a Temporal cluster on loopback (tests). The
 * membership ports are below 32768: Temporal stores them in a SMALLINT column (cluster_membership),
 * and the kernel's free ports are above that.
 */
export async function freeTemporalClusterPorts(): Promise<TemporalClusterPorts> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) return (taken.add(port), port);
    }
  };
  const services = {} as TemporalClusterPorts['services'];
  const nextLow = async (): Promise<number> => {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!taken.has(port) && (await listens(port))) return (taken.add(port), port);
    }
  };
  for (const s of TEMPORAL_SERVICES) services[s] = { grpc: await next(), membership: await nextLow(), metrics: await next() };
  return { services, frontendHttp: await next() };
}
