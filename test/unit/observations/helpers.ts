// Shared by the observation unit tests: a transform context without enrichment and fixture reading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservationContext } from '../../../domain/observations/index.ts';
import { nodeObservationCrypto } from '../../../lib/observations/crypto.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

export const ctx: ObservationContext = { bucketDate: '2025-05-27', createdAt: '2025-05-27 23:31:11.802', ipDb: null, crypto: nodeObservationCrypto };

export function readFixture(folder: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, folder, name), 'utf8')) as Record<string, unknown>;
}

/** A minimal measurement of `testName` around the given test_keys. */
export function measurement(testName: string, testKeys: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    measurement_start_time: '2024-01-02 03:04:05',
    probe_asn: 'AS30722',
    probe_cc: 'IT',
    report_id: '20240102T030405Z_x_IT_30722_n1_abc',
    software_name: 'ooniprobe-cli',
    software_version: '3.20.0',
    test_name: testName,
    test_version: '0.4.3',
    input: 'https://example.org/',
    annotations: {},
    test_keys: testKeys,
    ...extra,
  };
}

export const UID = '20240102030407.123456_IT_webconnectivity_0123456789abcdef';
