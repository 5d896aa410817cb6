// Real-browser tests: the system Chromium (Debian's, installed by `npm test`'s setup) driven by
// playwright-core, headless, with a fresh profile; and tiny HTTP servers serving a test page, so
// the page's origin differs from the API's and every call it makes is a real cross-origin fetch.
import { createServer } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where scripts/setup.mjs installs (or CHROMIUM_PATH points at) the browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: run \`npm test\` (its setup installs it) or set CHROMIUM_PATH`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'ooni-pipeline-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageServer {
  /** `http://127.0.0.1:<port>`, the origin of the page */
  origin: string;
  close(): Promise<void>;
}

/** Serves `html` at every path (`/`, `/login?token=…`; the favicon is a 404) on a free loopback port. */
export async function servePage(html: string): Promise<PageServer> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url !== '/favicon.ico') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** `METHOD /path` of every request the server received, in order (preflights included) */
  received: string[];
  close(): Promise<void>;
}

/** `app` (the real createApp) served by @hono/node-server on a free loopback port, noting each request it gets. */
export async function serveApi(app: Hono): Promise<ApiServer> {
  const received: string[] = [];
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: (req, bindings) => {
          received.push(`${req.method} ${new URL(req.url).pathname}`);
          return app.fetch(req, bindings);
        },
        hostname: '127.0.0.1',
        port: 0,
      },
      () => resolve(s),
    );
  });
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the test page's `call()` reports of one fetch: the answer as the page could read it, or the rejection. */
export type PageFetchResult = { ok: true; status: number; body: unknown; headers: Record<string, string | null> } | { ok: false; error: string };

/**
 * A page whose script offers `call(url, init, readHeaders)`: fetch() from the page's own origin,
 * returning what the page can read (status, parsed body, the named response headers) or how fetch rejected.
 */
export const FETCH_PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cross-origin client</title></head><body>
<script>
window.call = async (url, init, readHeaders) => {
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    let body = text;
    try { body = JSON.parse(text); } catch {}
    const headers = {};
    for (const name of readHeaders || []) headers[name] = res.headers.get(name);
    return { ok: true, status: res.status, body, headers };
  } catch (err) {
    return { ok: false, error: String(err) };
  }
};
</script>
</body></html>`;

/** Runs the page's `call()` in `page`. */
export function pageFetch(page: Page, url: string, init: RequestInit = {}, readHeaders: string[] = []): Promise<PageFetchResult> {
  return page.evaluate(
    ([u, i, h]) => (globalThis as unknown as { call: (u: string, i: RequestInit, h: string[]) => Promise<PageFetchResult> }).call(u, i, h),
    [url, init, readHeaders] as const,
  );
}
