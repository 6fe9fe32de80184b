/**
 * Compact error bands for tables: `$1.2M ±12%` when the band is symmetric to within half a point,
 * else `$1.2M −18%/+7%`. Pure string helpers; estimate-table.ts uses them and the plan table can.
 */
export interface RangeLike {
  low: number;
  high: number;
}

/** The band as percentages of the point value: `±12%` or `−18%/+7%` ('' when the value is 0). */
export function bandSuffix(value: number, range: RangeLike): string {
  if (!(value > 0)) return '';
  const down = Math.round((1 - range.low / value) * 100);
  const up = Math.round((range.high / value - 1) * 100);
  return Math.abs(down - up) <= 0.5 ? `±${up}%` : `−${down}%/+${up}%`;
}

/** `<formatted value> <band>`: the point value formatted by `format`, then its band. */
export function withBand(value: number, range: RangeLike | null, format: (x: number) => string): string {
  const s = format(value);
  return range ? `${s} ${bandSuffix(value, range)}` : s;
}
