export { fmtPct, fmtTime } from '../../lib/format';
/** A mainland mobile number as typed on this screen (the server validates again). */
export const isPhone = (s: string) => /^1[3-9]\d{9}$/.test(s);
