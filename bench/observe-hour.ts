// The generated hour of bench:observe: measurements made (deterministic seed) from real fixtures in
// a mix of nettests close to what OONI receives, each with its uid, start time, report, hostname,
// IPs and some failures varied. Template text is parsed per measurement, outside the timed code.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../domain/seeded-random.ts';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const QA = readdirSync(`${FIXTURES}ooni-data-qa`)
  .filter((f) => f.endsWith('.json') && f !== 'expectations.json')
  .sort();

/**
 * Share of the hour per nettest (%), and the fixtures it is made from. An estimate of OONI's
 * traffic: Probe runs test many websites per run and each other nettest once or a few times, so
 * web_connectivity is ~4/5 of measurements; nettests without a v5 transformer (ndt, dash, psiphon,
 * torsf, vanilla_tor, openvpn) are scored and give no observation rows, as in production.
 */
const MIX: readonly { share: number; files: readonly string[] }[] = [
  {
    share: 80,
    files: [
      'fastpath/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json',
      'fastpath/web_connectivity_ir_fp.json',
      'fastpath/web_connectivity_null2.json',
      'v5/web_connectivity.json',
      'v5/web_connectivity_probe-cli-mp-manual-8844.json',
      ...QA.map((f) => `ooni-data-qa/${f}`),
    ],
  },
  { share: 2, files: ['v5/signal.json', 'fastpath/signal_022.json', 'fastpath/signal_679.json', 'fastpath/signal_2627.json'] },
  { share: 2, files: ['v5/telegram.json', 'fastpath/telegram_nourl.json'] },
  { share: 2, files: ['v5/whatsapp.json', 'fastpath/whatsapp.json'] },
  { share: 2, files: ['v5/facebook_messenger.json'] },
  { share: 2.5, files: ['v5/dnscheck.json'] },
  { share: 2, files: ['v5/stun_reachability.json'] },
  { share: 1, files: ['v5/http_invalid_request_line.json', 'fastpath/mbx-2.json'] },
  { share: 1, files: ['v5/http_header_field_manipulation.json', 'fastpath/http_header_field_manipulation_1.json'] },
  { share: 0.5, files: ['v5/tor.json', 'fastpath/tor.json'] },
  { share: 0.5, files: ['v5/urlgetter.json'] },
  { share: 0.5, files: ['v5/echcheck.json'] },
  { share: 0.5, files: ['v5/browser_web.json'] },
  { share: 0.5, files: ['v5/ndt.json'] },
  { share: 0.5, files: ['v5/dash.json'] },
  { share: 0.5, files: ['v5/psiphon.json'] },
  { share: 0.5, files: ['v5/torsf.json'] },
  { share: 0.5, files: ['v5/vanilla_tor.json'] },
  { share: 0.5, files: ['v5/openvpn.json'] },
];

interface Template {
  text: string;
  testName: string;
  hosts: string[];
  ips: string[];
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const KEEP_IP = /^(?:127\.|10\.|0\.|192\.168\.)/;

function hostOf(input: unknown): string[] {
  if (typeof input !== 'string' || !/^https?:\/\//i.test(input)) return [];
  const raw = /^[a-z]+:\/\/([^/:]+)/i.exec(input)?.[1];
  const host = decodeURIComponent(new URL(input).hostname);
  return [...new Set([raw, host].filter((h): h is string => !!h))];
}

function template(file: string): Template {
  const text = readFileSync(FIXTURES + file, 'utf8');
  const m = JSON.parse(text) as { input?: unknown; test_name?: unknown };
  // the spec example predates the nettest's rename (probe-cli submits `stunreachability`)
  const testName = m.test_name === 'stun_reachability' ? 'stunreachability' : String(m.test_name);
  const ips = [...new Set(text.match(IPV4) ?? [])].filter((ip) => !KEEP_IP.test(ip));
  return { text, testName, hosts: hostOf(m.input), ips };
}

const TOTAL = MIX.reduce((s, g) => s + g.share, 0);
const groups = MIX.map((g) => ({ share: g.share, templates: g.files.map(template) }));

/** Fixtures the hour is made from, and its nettests. */
export const hourTemplates = { files: groups.reduce((n, g) => n + g.templates.length, 0), nettests: groups.length };

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
export const HOSTS = 2000;

function pick(r: number): Template[] {
  let x = r * TOTAL;
  for (const g of groups) if ((x -= g.share) < 0) return g.templates;
  return groups[0]!.templates;
}

/** Measurement i of `count` in the hour `YYYY-MM-DD HH`: a template with host, IPs, times, ids and some failures varied. */
export function generate(i: number, count: number, hour: string): { m: Record<string, unknown>; uid: string; testName: string } {
  const next = mulberry32(0x5eed + i);
  const pool = pick(next());
  const t = pool[Math.floor(next() * pool.length)]!;
  const h = Math.floor(next() * HOSTS);
  let text = t.text;
  for (const host of t.hosts) text = text.replaceAll(host, `site${h}.example${h % 7}.org`);
  t.ips.forEach((ip, k) => {
    text = text.replaceAll(ip, `${93 + (h % 40)}.${(h >> 3) & 255}.${k}.${(h + k) & 255}`);
  });
  const m = JSON.parse(text) as Record<string, unknown>;
  m.test_name = t.testName;
  const second = Math.floor((i * 3600) / count);
  const mm = pad(Math.floor(second / 60), 2);
  const ss = pad(second % 60, 2);
  const stamp = `${hour.replace(/[- ]/g, '')}${mm}${ss}`;
  const short = t.testName.replaceAll('_', '');
  m.measurement_start_time = `${hour}:${mm}:${ss}`;
  m.report_id = `${stamp.slice(0, 8)}T${stamp.slice(8)}Z_${short}_IT_30722_n1_${pad(Math.floor(i / 20), 16)}`;
  delete m.measurement_uid;
  const uid = `${stamp}.${pad(i % 1_000_000, 6)}_IT_${short}_${i.toString(16).padStart(16, '0')}`;
  const tk = m.test_keys as { tcp_connect?: { status?: Record<string, unknown> }[]; queries?: Record<string, unknown>[] } | undefined;
  const roll = next();
  if (tk && roll < 0.1)
    for (const c of tk.tcp_connect ?? []) if (c.status) Object.assign(c.status, { success: false, failure: 'generic_timeout_error' });
  if (tk && roll > 0.95) for (const q of tk.queries ?? []) Object.assign(q, { failure: 'dns_nxdomain_error', answers: null });
  return { m, uid, testName: t.testName };
}
