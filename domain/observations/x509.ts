// Just enough DER to read what upstream stores of a leaf certificate: subject and issuer as
// RFC 4514 strings the way Python cryptography's `Name.rfc4514_string()` writes them (RDNs in
// reverse order, comma-joined; multi-valued RDNs joined with `+`), their first common names, the
// DNS names of subjectAltName and the validity period. node:crypto's X509Certificate does not
// expose the raw RDNs, so this parses them itself (pure, no I/O).

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function readTlv(b: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) throw new Error('truncated DER');
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new Error('truncated DER');
  return { tag, start: p, end: p + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end;) {
    const c = readTlv(b, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

function oidString(b: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

// cryptography's _NAMEOID_TO_NAME; any other attribute is written as its dotted OID
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};
const CN_OID = '2.5.4.3';

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function hex(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

/** The attribute value as text, or null for a non-string type (written as `#<hex of its bytes>`). */
function stringValue(b: Uint8Array, t: Tlv): string | null {
  const bytes = b.subarray(t.start, t.end);
  switch (t.tag) {
    case 0x0c: // UTF8String
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return utf8.decode(bytes);
    case 0x14: // T61String (cryptography decodes it as latin-1)
      return latin1.decode(bytes);
    case 0x1e: {
      // BMPString: UTF-16 big-endian
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return s;
    }
    case 0x1c: {
      // UniversalString: UTF-32 big-endian
      let s = '';
      for (let i = 0; i + 3 < bytes.length; i += 4)
        s += String.fromCodePoint(((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0);
      return s;
    }
    default:
      return null;
  }
}

/** cryptography's `_escape_dn_value` (RFC 4514 §2.4). */
function escapeValue(v: string): string {
  if (v === '') return '';
  let s = '';
  for (const ch of v) {
    if (ch === '\\' || ch === '"' || ch === '+' || ch === ',' || ch === ';' || ch === '<' || ch === '>') s += '\\' + ch;
    else if (ch === '\0') s += '\\00';
    else s += ch;
  }
  if (s[0] === '#' || s[0] === ' ') s = '\\' + s;
  if (s.endsWith(' ')) s = s.slice(0, -1) + '\\ ';
  return s;
}

interface ParsedName {
  rfc4514: string;
  commonName: string;
}

function parseName(b: Uint8Array, name: Tlv): ParsedName {
  const rdns: string[] = [];
  let commonName: string | null = null;
  for (const set of children(b, name)) {
    const attrs: string[] = [];
    for (const atv of children(b, set)) {
      const [oidTlv, valueTlv] = children(b, atv);
      if (!oidTlv || !valueTlv) throw new Error('bad AttributeTypeAndValue');
      const oid = oidString(b, oidTlv);
      const text = stringValue(b, valueTlv);
      const written = text === null ? '#' + hex(b, valueTlv.start, valueTlv.end) : escapeValue(text);
      attrs.push(`${SHORT_NAMES[oid] ?? oid}=${written}`);
      if (oid === CN_OID && commonName === null) commonName = text ?? '';
    }
    rdns.push(attrs.join('+'));
  }
  return { rfc4514: rdns.reverse().join(','), commonName: commonName ?? '' };
}

function digits(s: string, from: number, n: number): number {
  return Number(s.slice(from, from + n));
}

/** UTCTime / GeneralizedTime → `YYYY-MM-DD HH:MM:SS.000` (UTC). */
function parseTime(b: Uint8Array, t: Tlv): string {
  const s = latin1.decode(b.subarray(t.start, t.end));
  let year: number;
  let rest: string;
  if (t.tag === 0x17) {
    const yy = digits(s, 0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = s.slice(2);
  } else if (t.tag === 0x18) {
    year = digits(s, 0, 4);
    rest = s.slice(4);
  } else throw new Error('bad Time');
  const p = (i: number) => String(digits(rest, i, 2)).padStart(2, '0');
  if (!/^\d{10}/.test(rest)) throw new Error('bad Time');
  return `${String(year).padStart(4, '0')}-${p(0)}-${p(2)} ${p(4)}:${p(6)}:${p(8)}.000`;
}

export interface CertificateMeta {
  subject: string;
  subjectCommonName: string;
  issuer: string;
  issuerCommonName: string;
  sanList: string[];
  notValidBefore: string;
  notValidAfter: string;
}

const SAN_OID = '2.5.29.17';

/** Leaf metadata of a DER certificate; throws on a malformed one (callers log and go on). */
export function decodeCertificate(der: Uint8Array): CertificateMeta {
  const cert = readTlv(der, 0, der.length);
  const [tbs] = children(der, cert);
  if (!tbs || tbs.tag !== 0x30) throw new Error('bad Certificate');
  const fields = children(der, tbs);
  let i = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  i += 2; // serialNumber, signature
  const issuerTlv = fields[i++];
  const validity = fields[i++];
  const subjectTlv = fields[i++];
  if (!issuerTlv || !validity || !subjectTlv) throw new Error('bad TBSCertificate');
  const [nb, na] = children(der, validity);
  if (!nb || !na) throw new Error('bad Validity');
  const issuer = parseName(der, issuerTlv);
  const subject = parseName(der, subjectTlv);
  const sanList: string[] = [];
  for (const f of fields.slice(i)) {
    if (f.tag !== 0xa3) continue; // [3] extensions
    const [exts] = children(der, f);
    if (!exts) continue;
    for (const ext of children(der, exts)) {
      const parts = children(der, ext);
      if (!parts[0] || oidString(der, parts[0]) !== SAN_OID) continue;
      const value = parts[parts.length - 1]!; // OCTET STRING after the optional critical flag
      const [names] = children(der, value);
      if (!names) continue;
      for (const gn of children(der, names)) if (gn.tag === 0x82) sanList.push(latin1.decode(der.subarray(gn.start, gn.end)));
    }
  }
  return {
    subject: subject.rfc4514,
    subjectCommonName: subject.commonName,
    issuer: issuer.rfc4514,
    issuerCommonName: issuer.commonName,
    sanList,
    notValidBefore: parseTime(der, nb),
    notValidAfter: parseTime(der, na),
  };
}
