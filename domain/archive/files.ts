// Building and reading the two files of a part. Both builders are deterministic (fixed tar
// header fields, gzip without a timestamp), so a re-run uploads identical bytes.
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface PostMember {
  uid: string;
  body: Uint8Array;
}

export async function buildPostcan(members: PostMember[], mtime: Date): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const m of members) {
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        { name: `${m.uid}.post`, size: m.body.byteLength, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', type: 'file' },
        Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength),
        (err) => (err ? reject(err) : resolve()),
      );
    });
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** Members in tar order, by basename (OONI's old postcans used absolute paths). */
export async function readPostcan(gz: Uint8Array): Promise<PostMember[]> {
  const extract = tar.extract();
  const members: PostMember[] = [];
  Readable.from([gunzipSync(gz)]).pipe(extract);
  for await (const entry of extract) {
    const parts: Buffer[] = [];
    for await (const chunk of entry) parts.push(chunk as Buffer);
    const name = entry.header.name.split('/').pop() ?? '';
    members.push({ uid: name.replace(/\.post$/, ''), body: new Uint8Array(Buffer.concat(parts)) });
  }
  return members;
}

export function buildJsonl(lines: string[]): Uint8Array {
  return gzipSync(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
}

export function readJsonl(gz: Uint8Array): string[] {
  const text = gunzipSync(gz).toString('utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
