import type { TOccupancy } from '@zhilv/contracts';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const COLOR: Record<TOccupancy['level'], string> = {
  comfortable: 'success',
  busy: 'warning',
  // white on #f26a1b was 3.0:1; the theme's orange holds 5.2:1, 7.3:1 in elder mode (portal.css)
  crowded: 'var(--zlp-crowded)',
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
