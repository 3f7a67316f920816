import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { compressedOnce } from '../platform/read-cache.js';

/** Smaller answers are sent as they are: below about a kilobyte compression saves less than it costs. */
export const COMPRESS_THRESHOLD = 1024;
// Brotli's default quality (11) costs tens of milliseconds per answer; 4 compresses JSON nearly as well, fast.
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const compressors: Record<'br' | 'gzip', (b: Buffer) => Buffer> = {
  br: (b) => zlib.brotliCompressSync(b, BROTLI),
  gzip: (b) => zlib.gzipSync(b, { level: 6 }),
};

/** The best encoding the client accepts: brotli, then gzip (q=0 refuses one). */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * Compressed answers: API JSON above the threshold (@fastify/compress, brotli or gzip as the client accepts); built
 * assets come precompressed from the build (apps/web/scripts/precompress.mjs, served by @fastify/static). A cached
 * public read (read-cache) is compressed once per encoding and then sent as bytes, as its JSON already is: a rush
 * on the spots list costs no compression per request. Server-sent events write to the raw socket (hijacked), which
 * no onSend hook touches, so live updates are never buffered.
 */
export async function registerCompression(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!Buffer.isBuffer(payload) || payload.length < COMPRESS_THRESHOLD || reply.getHeader('content-encoding'))
      return payload;
    const encoding = acceptedEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    const out = compressedOnce(payload, encoding, compressors[encoding]);
    if (!out) return payload; // not a cached read: @fastify/compress below takes it
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
    reply.header('content-encoding', encoding);
    reply.header('content-length', out.length);
    return out;
  });
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI,
    zlibOptions: { level: 6 },
  });
}
