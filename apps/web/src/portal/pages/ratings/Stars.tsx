import { Rate } from 'antd-mobile';

/**
 * antd-mobile's Rate listens to touch gestures only; a mouse click on a desktop browser would do nothing. The
 * wrapper reads a click's star from its aria-label, so both work (a tap sets the same value twice).
 */
export function Stars({ value, onChange, testId }: { value: number; onChange: (v: number) => void; testId?: string }) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the stars inside are radios
    <div
      onClick={(e) => {
        const v = Number((e.target as Element).closest('[role=radio]')?.getAttribute('aria-label'));
        if (v >= 1 && v <= 5) onChange(v);
      }}
      data-testid={testId}
    >
      <Rate value={value} onChange={onChange} allowClear={false} style={{ '--star-size': '28px' }} />
    </div>
  );
}
