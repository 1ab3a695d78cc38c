import type { IncomingMessage } from 'node:http';

/** Reads a request's body; rejects once it is past `limit` bytes (default 1 MiB). */
export function readBody(request: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets an answer (400).
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(new Error('request body too large')) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}
