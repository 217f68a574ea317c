// Streams an upload once: the head is kept for sniffing, every byte is counted and hashed on
// its way to storage, and more than `maxBytes` aborts the stream (the storage write with it).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { DomainError } from '../../platform/errors.ts';
import { SNIFF_BYTES } from './content-sniff.ts';

export interface Ingest {
  head: Buffer;
  /** The whole upload (head included), counted and hashed as it is read. */
  body: Readable;
  size(): number;
  sha256(): string;
  /** Consumes the rest of a refused upload so the request can be answered. */
  discard(): Promise<void>;
}

export async function startIngest(source: NodeJS.ReadableStream, maxBytes: number): Promise<Ingest> {
  const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    buffered.push(chunk);
    headBytes += chunk.length;
    if (headBytes > maxBytes) {
      await drain(iterator);
      throw tooLarge(maxBytes);
    }
  }
  const head = Buffer.concat(buffered);
  const hash = createHash('sha256');
  let size = 0;
  const count = (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    hash.update(chunk);
    return chunk;
  };
  async function* all() {
    yield count(head);
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield count(toBuffer(next.value));
    }
  }
  let digest: string | undefined;
  return {
    head,
    body: Readable.from(all(), { objectMode: false }),
    size: () => size,
    sha256: () => (digest ??= hash.digest('hex')),
    discard: () => (ended ? Promise.resolve() : drain(iterator)),
  };
}

/** Reads and discards the rest of a stream (a refused upload must still be consumed). */
export async function drain(iterator: AsyncIterator<unknown>): Promise<void> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
  }
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

export const tooLarge = (maxBytes: number) =>
  new DomainError('payload_too_large', 'FILES_TOO_LARGE', `File exceeds the maximum size of ${maxBytes} bytes`);
