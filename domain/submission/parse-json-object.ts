// Strict UTF-8 + JSON.parse; anything that goes wrong (bad bytes, bad JSON, deep nesting
// overflowing the stack) is a typed rejection, never an exception.
import { Buffer, isAscii } from 'node:buffer';
import { reject, type SubmissionRejection } from './error-codes.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type ParsedJson = { kind: 'json'; value: unknown } | SubmissionRejection;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJsonText(text: string): ParsedJson {
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return reject('invalid_json', 'Incorrect format: body is not JSON');
  }
}

export function parseJsonBytes(bytes: Uint8Array): ParsedJson {
  let text: string;
  try {
    // ASCII (most measurements) is its own latin1, which Buffer copies without decoding
    text = isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : utf8.decode(bytes);
  } catch {
    return reject('invalid_json', 'Incorrect format: body is not UTF-8');
  }
  return parseJsonText(text);
}
