import { describe, expect, it } from 'vitest';
import { createReadCache, serializeReply } from './read-cache.js';

describe('read cache', () => {
  it('one load for concurrent misses, then hits until the time is up', async () => {
    const cache = createReadCache(50);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { n: loads };
    };
    const first = await Promise.all(Array.from({ length: 20 }, () => cache.get('a', 'k', load)));
    expect(loads).toBe(1);
    expect(new Set(first.map((x) => x.n))).toEqual(new Set([1]));
    expect((await cache.get('a', 'k', load)).n).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect((await cache.get('a', 'k', load)).n).toBe(2);
  });

  it('evicting a group drops only its keys', async () => {
    const cache = createReadCache(10_000);
    let n = 0;
    const load = async () => ++n;
    const a1 = await cache.get('a', '1', load);
    const b1 = await cache.get('b', '1', load);
    cache.evict('a');
    expect(await cache.get('a', '1', load)).not.toBe(a1);
    expect(await cache.get('b', '1', load)).toBe(b1);
  });

  it('a failed load is not remembered', async () => {
    const cache = createReadCache(10_000);
    await expect(cache.get('a', 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', 'k', async () => 'up')).toBe('up');
  });
});

describe('serializeReply', () => {
  it('a cached read is serialized and encoded once; anything else every time', async () => {
    const cache = createReadCache(10_000);
    const value = await cache.get('a', 'k', async () => ({ n: 1, name: '景区' }));
    const first = serializeReply(value);
    expect(Buffer.isBuffer(first)).toBe(true);
    expect(first.toString()).toBe('{"n":1,"name":"景区"}');
    value.n = 2; // a cached value never changes in the app; this proves the bytes were kept
    expect(serializeReply(value)).toBe(first);
    const plain = { n: 1 };
    expect(serializeReply(plain)).toBe('{"n":1}');
    plain.n = 2;
    expect(serializeReply(plain)).toBe('{"n":2}');
  });
});

describe('read cache memory', () => {
  it('stays bounded whatever keys requests make up, and a new version replaces its entry', async () => {
    const cache = createReadCache(10_000, 100);
    for (let i = 0; i < 1_000; i++) await cache.get(`spot${i % 7}`, `from=${i}`, async () => i);
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(await cache.get('spot1', 'from=995', async () => -1)).toBe(995); // the newest are kept
    await cache.get('x', 'k', async () => 'second 1', 1);
    expect(await cache.get('x', 'k', async () => 'second 2', 2)).toBe('second 2');
    const before = cache.size;
    await cache.get('x', 'k', async () => 'second 3', 3);
    expect(cache.size).toBe(before);
  });

  it('expired entries go even if nobody asks for them again', async () => {
    const cache = createReadCache(20);
    for (let i = 0; i < 50; i++) await cache.get('a', String(i), async () => i);
    await new Promise((r) => setTimeout(r, 30));
    await cache.get('b', 'k', async () => 0);
    expect(cache.size).toBe(1);
  });
});
