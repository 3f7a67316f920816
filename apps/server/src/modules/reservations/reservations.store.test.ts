import { describe, expect, it } from 'vitest';
import { bookingBatchReads, takePlacesStatement } from './reservations.store.js';

// These statements travel beside BEGIN and COMMIT without parameters (db/client.ts transactionWith): only values
// matching the uuid and Idempotency-Key patterns may reach their text.
const slot = '0b6f3c1e-6a52-4c1e-9a3e-2f1d4c5b6a7e';
const user = '5d9e8f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';

describe('booking batch statements without parameters', () => {
  it('take checked slot ids and scoped keys as literals', () => {
    const [slots, meta] = bookingBatchReads([slot], [`${user}:key_ABC-123`], false);
    expect(slots).toContain(`'${slot}'`);
    expect(slots).not.toContain('for no key update');
    expect(meta).toContain(`'${user}:key_ABC-123'`);
    expect(bookingBatchReads([slot], [`${user}:key_ABC-123`], true)[0]).toContain('for no key update of t');
    expect(takePlacesStatement([{ slotId: slot, n: 3 }])).toContain(`('${slot}'::uuid, 3)`);
  });

  it('refuse anything else: quotes, comments, a key of the wrong shape, a bad count', () => {
    expect(() => bookingBatchReads([`${slot}'; drop table bookings; --`], [`${user}:key_ABC-123`], false)).toThrow();
    expect(() => bookingBatchReads([slot], [`${user}:key'--xx`], false)).toThrow();
    expect(() => bookingBatchReads([slot], ['not-a-user:key_ABC-123'], false)).toThrow();
    expect(() => bookingBatchReads([slot], [`${user}:short`], false)).toThrow();
    expect(() => takePlacesStatement([{ slotId: `${slot}'`, n: 1 }])).toThrow();
    expect(() => takePlacesStatement([{ slotId: slot, n: 0 }])).toThrow();
    expect(() => takePlacesStatement([{ slotId: slot, n: 1.5 }])).toThrow();
  });

  it('take places in slot id order, so two batches never lock the same slots in opposite orders', () => {
    const a = '00000000-0000-4000-8000-000000000001';
    const b = 'ffffffff-0000-4000-8000-000000000002';
    const text = takePlacesStatement([
      { slotId: b, n: 1 },
      { slotId: a, n: 2 },
    ]);
    expect(text.indexOf(a)).toBeLessThan(text.indexOf(b));
  });
});
