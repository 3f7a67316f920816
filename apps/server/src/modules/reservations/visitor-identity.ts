import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { maskDocumentNumber, type TVisitorDocumentType } from '@zhilv/contracts';
import { randomBytesPooled } from '../../platform/random.js';

/**
 * Protection of visitors' ID numbers (PIPL; GB/T 35273 §7.2). The clear number lives only in the request
 * that carries it: the database holds AES-256-GCM ciphertext, an HMAC (so "one booking per ID number per
 * spot per day" is a unique index, not a decryption) and the masked form that every answer shows.
 */
export type TIdentityProtector = ReturnType<typeof createIdentityProtector>;

export function createIdentityProtector(key: Buffer) {
  if (key.length !== 32) throw new Error('the PII key must be 32 bytes');
  // Separate subkeys: the hash key never encrypts and the encryption key never hashes.
  const encKey = createHmac('sha256', key).update('zhilv:id-number:encrypt').digest();
  const macKey = createHmac('sha256', key).update('zhilv:id-number:hash').digest();
  return {
    /**
     * A resident ID's hash is of its number alone (the rows written before other documents existed); any other
     * document's is of its type and number, so a passport and a permit with the same characters never collide.
     */
    protect(idNumber: string, type: TVisitorDocumentType = 'resident_id') {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
      return {
        cipher: `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`,
        hash: createHmac('sha256', macKey)
          .update(type === 'resident_id' ? idNumber : `${type}:${idNumber}`)
          .digest('hex'),
        masked: maskDocumentNumber(idNumber),
      };
    },
    /** For a future privileged, audited unmasking; nothing answers the clear number today. */
    reveal(stored: string): string {
      const raw = Buffer.from(stored.replace(/^v1:/, ''), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
