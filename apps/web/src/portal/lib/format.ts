import dayjs from 'dayjs';
import { inZone, ZONE } from '../../lib/format';

export { fmtPct, fmtTime, fmtTimeAs } from '../../lib/format';
/** A mainland mobile number as typed on this screen (the server validates again). */
export const isPhone = (s: string) => /^1[3-9]\d{9}$/.test(s);

/**
 * Date pickers show a Date's wall clock in the device's zone; the portal's times are the prefecture's. These
 * two turn an instant into a Date whose device wall clock reads the Shanghai time, and back, so a visitor whose
 * phone is still on another zone picks "18:30" and means 18:30 in Lijiang.
 */
export const toPickerDate = (d: Date | string = new Date()) => new Date(inZone(d).format('YYYY-MM-DDTHH:mm:ss'));
export const fromPickerDate = (d: Date) => dayjs.tz(dayjs(d).format('YYYY-MM-DDTHH:mm:ss'), ZONE);
