// Real measurements from the fixtures, and the HTTP calls a probe makes to upload them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'));

export type Measurement = Record<string, unknown> & { test_name: string; probe_cc: string; probe_asn: string };

export const webConnectivity = (): Measurement => read('../fixtures/fastpath/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json');
export const signal = (): Measurement => read('../fixtures/probe/signal.json');

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** The ≤ v3.29 flow: open a report, submit the measurement with its report_id. */
export async function openReport(baseUrl: string, m: Measurement): Promise<string> {
  const res = await postJson(`${baseUrl}/report`, {
    data_format_version: '0.2.0',
    format: 'json',
    probe_asn: m.probe_asn,
    probe_cc: m.probe_cc,
    software_name: 'miniooni',
    software_version: '3.29.1',
    test_name: m.test_name,
    test_start_time: m.test_start_time,
    test_version: m.test_version,
  });
  if (res.status !== 200) throw new Error(`open report: ${res.status} ${res.text}`);
  return res.json.report_id as string;
}

export async function legacyUpload(baseUrl: string, m: Measurement) {
  const reportId = await openReport(baseUrl, m);
  const body = { format: 'json', content: { ...m, report_id: reportId } };
  return { reportId, body, res: await postJson(`${baseUrl}/report/${reportId}`, body) };
}

/** The ≥ v3.30 flow: content as a JSON string, no report_id. */
export async function submitMeasurement(baseUrl: string, m: Measurement) {
  const { report_id: _ignored, ...content } = m;
  return postJson(`${baseUrl}/api/v1/submit_measurement`, {
    format: 'json',
    content: JSON.stringify(content),
    nym: null,
    zkp_request: null,
    manifest_version: null,
    protocol_version: null,
  });
}
