import type { TOccupancy } from '@zhilv/contracts';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const COLOR: Record<TOccupancy['level'], string> = {
  comfortable: 'success',
  busy: 'warning',
  crowded: '#f26a1b',
  paused: 'danger',
};

/** The plain busy-ness label tourists see (舒适 / 较拥挤 / 拥挤 / 暂停入园), in the server's words. */
export function LevelTag({ occupancy }: { occupancy: TOccupancy }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={COLOR[occupancy.level]} data-testid="level-tag">
      {i18n.language === 'en' ? occupancy.label.en : occupancy.label.zh}
    </Tag>
  );
}
