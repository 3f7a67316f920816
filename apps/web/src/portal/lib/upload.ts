import type { ImageUploadItem } from 'antd-mobile';
import { api } from '../../lib/api';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

/** POST /api/files (multipart field `file`) → the id the work order refers to, kept in `extra`. */
export async function uploadPhoto(file: File): Promise<ImageUploadItem> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const r = await api.post<{ id: string }>('/api/files', fd);
  return { url: URL.createObjectURL(file), extra: r.id };
}

export const photoIds = (items: ImageUploadItem[]) =>
  items.map((p) => p.extra).filter((x): x is string => typeof x === 'string');
