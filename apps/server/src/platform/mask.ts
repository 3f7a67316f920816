import { maskPhoneNumber } from '@zhilv/contracts';

/** Masked display of personal data (GB/T 35273-2020 §7.2), applied on the server for every role. */
/** `138****1234` for a mainland number, `+852****5678` for one from elsewhere (E.164, see contracts/phone.ts). */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return maskPhoneNumber(phone);
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
