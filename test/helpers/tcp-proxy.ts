// A TCP proxy in front of one of the run's services, so a test can take that dependency away
// for its own API only (other test files share the services): `down` refuses connections,
// `blackhole` accepts them and never answers, `up` forwards again.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'blackhole';

export interface TcpProxy {
  port: number;
  set(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = 'up';
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => client.destroy());
        if (mode === 'blackhole') return; // hold it, answer nothing
        const upstream = connect(targetPort, targetHost);
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  await listen();
  return {
    get port() {
      return port;
    },
    async set(next) {
      if (next === mode) return;
      const wasListening = mode !== 'down';
      mode = next;
      dropAll();
      if (next === 'down' && wasListening) await stopListening();
      if (next !== 'down' && !wasListening) await listen();
    },
    async close() {
      dropAll();
      if (mode !== 'down') await stopListening();
    },
  };
}
