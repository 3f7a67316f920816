import { normalisePhone } from '@zhilv/contracts';
import dayjs from 'dayjs';
import { inZone, ZONE } from '../../lib/format';

export { fmtPct, fmtTime, fmtTimeAs } from '../../lib/format';
/** A mobile number as typed — mainland 11 digits, or any country's with its +code (the server validates again). */
export const isPhone = (s: string) => normalisePhone(s) !== null;
export const isEmail = (s: string) => /^[^\s@]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(s.trim());

/**
 * Date pickers show a Date's wall clock in the device's zone; the portal's times are the prefecture's. These
 * two turn an instant into a Date whose device wall clock reads the Shanghai time, and back, so a visitor whose
 * phone is still on another zone picks "18:30" and means 18:30 in Lijiang.
 */
export const toPickerDate = (d: Date | string = new Date()) => new Date(inZone(d).format('YYYY-MM-DDTHH:mm:ss'));
export const fromPickerDate = (d: Date) => dayjs.tz(dayjs(d).format('YYYY-MM-DDTHH:mm:ss'), ZONE);
