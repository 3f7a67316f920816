import dayjs from 'dayjs';

export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`;
/** 138****0000 style; the server already masks, this is for numbers typed on this screen. */
export const isPhone = (s: string) => /^1[3-9]\d{9}$/.test(s);
