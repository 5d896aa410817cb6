// Everything the probe-services routes depend on, passed in explicitly (no env, no globals).
import { randomBytes } from 'node:crypto';
import type { VpnProviders } from './vpn-config.ts';

interface TestHelperAddress {
  address: string;
  type: string;
  front?: string;
}

/** GET /api/v1/test-helpers shape: helper name → candidate addresses. */
export type TestHelpers = Record<string, TestHelperAddress[]>;

export interface TestListUrl {
  category_code: string;
  country_code: string;
  url: string;
}

export interface UrlQuery {
  probeCc: string;
  /** "AS<n>"; test-list/urls passes "AS0" (no ASN filter), check-in the probe's own. */
  probeAsn: string;
  /** Upper-case, alphabetic; empty means any category. */
  categoryCodes: string[];
  limit: number;
}

export interface ProbeServicesOptions {
  /** The `n<collectorId>` part of every report_id. */
  collectorId: number;
  /** Base URL probes reach us at; announced as the https collector. */
  publicBaseUrl: string;
  testHelpers: TestHelpers;
  torTargets: Record<string, unknown>;
  psiphonConfig: Record<string, unknown>;
  /** HS256 secret for register/login tokens; must be shared by every API instance. */
  jwtSecret: string;
  now: () => Date;
  random: (n: number) => Uint8Array;
  urlSource: (q: UrlQuery) => Promise<TestListUrl[]>;
  /** GET /api/v2/ooniprobe/vpn-config/{provider}: the configured providers (VPN_CONFIG_FILE). */
  vpnProviders: VpnProviders;
  /** check-in `conf.features`; `webconnectivity_0.5` is always answered true. */
  features: Record<string, boolean>;
}

/** The helpers OONI's production backend announced (public hosts, no localhost). */
export const EXAMPLE_TEST_HELPERS: TestHelpers = {
  dns: [{ address: '37.218.241.93:57004', type: 'legacy' }],
  'http-return-json-headers': [{ address: 'http://37.218.241.94:80', type: 'legacy' }],
  ssl: [{ address: 'https://37.218.241.93', type: 'legacy' }],
  'tcp-echo': [{ address: '37.218.241.93', type: 'legacy' }],
  traceroute: [{ address: '37.218.241.93', type: 'legacy' }],
  'web-connectivity': [
    { address: 'https://0.th.ooni.org', type: 'https' },
    { address: 'https://1.th.ooni.org', type: 'https' },
    { address: 'https://2.th.ooni.org', type: 'https' },
    { address: 'https://3.th.ooni.org', type: 'https' },
    { address: 'https://d33d1gs9kpq1c5.cloudfront.net', front: 'd33d1gs9kpq1c5.cloudfront.net', type: 'cloudfront' },
  ],
};

export function defaultProbeServicesOptions(overrides: Partial<ProbeServicesOptions> = {}): ProbeServicesOptions {
  return {
    collectorId: 1,
    publicBaseUrl: 'http://127.0.0.1:8080',
    testHelpers: EXAMPLE_TEST_HELPERS,
    torTargets: {},
    psiphonConfig: {},
    // A per-process secret: tokens do not survive a restart. Deployments pass a shared one.
    jwtSecret: randomBytes(32).toString('hex'),
    now: () => new Date(),
    random: (n) => new Uint8Array(randomBytes(n)),
    urlSource: async () => [],
    vpnProviders: {},
    features: { torsf_enabled: true, vanilla_tor_enabled: true, openvpn_enabled: true },
    ...overrides,
  };
}
