/** Rows of a message view: a day separator before the first message of each local calendar day. */
export type DayRow<T> = { kind: 'day'; key: string; label: string } | { kind: 'item'; key: string; item: T };

export function withDaySeparators<T extends { createdAt: string }>(
  items: readonly T[],
  keyOf: (item: T) => string,
  now: Date = new Date(),
  locale?: string,
): Array<DayRow<T>> {
  const rows: Array<DayRow<T>> = [];
  let lastDay = '';
  for (const item of items) {
    const date = new Date(item.createdAt);
    const day = localDayKey(date);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(date, now, locale) });
      lastDay = day;
    }
    rows.push({ kind: 'item', key: keyOf(item), item });
  }
  return rows;
}

export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function dayLabel(date: Date, now: Date, locale?: string): string {
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (localDayKey(date) === localDayKey(now)) {
    return 'Today';
  }
  if (localDayKey(date) === localDayKey(yesterday)) {
    return 'Yesterday';
  }
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString(locale, {
    weekday: sameYear ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
    year: sameYear ? undefined : 'numeric',
  });
}
