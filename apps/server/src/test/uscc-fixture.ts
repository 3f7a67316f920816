import { usccCheckChar } from '../platform/validators.js';

/** A random, checksum-valid unified social credit code for test data. */
export function validUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91530702';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + usccCheckChar(body);
}
