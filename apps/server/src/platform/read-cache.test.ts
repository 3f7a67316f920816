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
  it('a cached read is serialized once; anything else every time', async () => {
    const cache = createReadCache(10_000);
    const value = await cache.get('a', 'k', async () => ({ n: 1 }));
    expect(serializeReply(value)).toBe('{"n":1}');
    value.n = 2; // a cached value never changes in the app; this proves the text was kept
    expect(serializeReply(value)).toBe('{"n":1}');
    const plain = { n: 1 };
    expect(serializeReply(plain)).toBe('{"n":1}');
    plain.n = 2;
    expect(serializeReply(plain)).toBe('{"n":2}');
  });
});
