import type { TickState } from '../../chat/receipt-pointers';

const LABELS: Record<TickState, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};
const MARKS: Record<TickState, string> = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓' };

/** ✓ sent, ✓✓ delivered, ✓✓ in the accent colour read; the label says it in words. */
export function Ticks({ state }: { state: TickState }) {
  return (
    <span
      className={`ticks ${state}`}
      role="img"
      aria-label={LABELS[state]}
      title={LABELS[state]}
      data-tick={state}
    >
      {MARKS[state]}
    </span>
  );
}
