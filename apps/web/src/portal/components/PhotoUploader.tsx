import { ImageUploader, type ImageUploadItem, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { showError } from '../lib/errors';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES, uploadPhoto } from '../lib/upload';

type TProps = {
  value: ImageUploadItem[];
  onChange: (v: ImageUploadItem[]) => void;
  onBusyChange?: (busy: boolean) => void;
  /** fewer than the default 6 (a rating takes 3) */
  max?: number;
};

/** Up to 6 photos, each uploaded at once to POST /api/files; the ids ride in `extra`. */
export function PhotoUploader({ value, onChange, onBusyChange, max = MAX_PHOTOS }: TProps) {
  const { t } = useTranslation();
  return (
    <ImageUploader
      value={value}
      onChange={onChange}
      maxCount={max}
      multiple
      accept={PHOTO_TYPES}
      onCountExceed={(n) => Toast.show({ content: t('portal.appeal.photoTooMany', { n }) })}
      onUploadQueueChange={(tasks) => onBusyChange?.(tasks.some((x) => x.status === 'pending'))}
      beforeUpload={(file) => {
        if (file.size > MAX_PHOTO_BYTES) {
          Toast.show({ content: t('portal.appeal.photoTooBig') });
          return null;
        }
        return file;
      }}
      upload={async (file) => {
        try {
          return await uploadPhoto(file);
        } catch (e) {
          showError(e);
          throw e;
        }
      }}
      data-testid="photo-uploader"
    />
  );
}
