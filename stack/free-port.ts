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

/** Free ports, all different, for every process of a Temporal cluster on loopback (tests). */
export async function freeTemporalClusterPorts(): Promise<TemporalClusterPorts> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) return (taken.add(port), port);
    }
  };
  const services = {} as TemporalClusterPorts['services'];
  for (const s of TEMPORAL_SERVICES) services[s] = { grpc: await next(), membership: await next(), metrics: await next() };
  return { services, frontendHttp: await next() };
}
