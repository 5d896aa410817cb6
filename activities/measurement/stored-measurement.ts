// Reading a stored `.post` body: the `{format, content}` wrapper the probe sent.
// Pure: deep checks on what the API already parsed once, so a bad object is caught here too.

export type StoredMeasurement =
  | { ok: true; content: Record<string, unknown> }
  | { ok: false; code: string; reason: string };

const REQUIRED_STRINGS = ['test_name', 'probe_cc', 'probe_asn', 'measurement_start_time', 'test_start_time'] as const;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readStoredMeasurement(bytes: Uint8Array): StoredMeasurement {
  let wrapper: unknown;
  try {
    wrapper = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    return { ok: false, code: 'invalid_json', reason: `stored body is not UTF-8 JSON: ${(err as Error).message}` };
  }
  if (!isObject(wrapper)) return { ok: false, code: 'not_an_object', reason: 'stored body is not a JSON object' };
  const content = typeof wrapper.content === 'string' ? safeParse(wrapper.content) : wrapper.content;
  if (!isObject(content)) return { ok: false, code: 'bad_content', reason: '`content` is not a measurement object' };
  for (const key of REQUIRED_STRINGS) {
    if (typeof content[key] !== 'string') return { ok: false, code: 'missing_field', reason: `\`${key}\` is missing or not a string` };
  }
  for (const key of ['measurement_start_time', 'test_start_time'] as const) {
    if (!TIME.test(content[key] as string)) {
      return { ok: false, code: 'bad_time', reason: `\`${key}\` is not "YYYY-MM-DD hh:mm:ss"` };
    }
  }
  return { ok: true, content };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
