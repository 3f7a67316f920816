import { randomFillSync } from 'node:crypto';

const POOL = 4096;
let pool = randomFillSync(Buffer.allocUnsafe(POOL));
let used = 0;

/**
 * `n` bytes from the CSPRNG, cut from a pool filled 4 KB at a time: a booking needs a few small random values
 * per visitor (an IV, a ticket code), and one call into OpenSSL per value cost about 3% of the booking path.
 * Each byte is handed out once; a spent pool is replaced, never refilled in place, so a returned view stays
 * what it was.
 */
export function randomBytesPooled(n: number): Buffer {
  if (n > POOL / 4) return randomFillSync(Buffer.allocUnsafe(n));
  if (used + n > POOL) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL));
    used = 0;
  }
  const out = pool.subarray(used, used + n);
  used += n;
  return out;
}
