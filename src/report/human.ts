/**
 * Human units for tables — one format everywhere. Memory in GiB (2^30 bytes); exact counts with thousands
 * separators (16,384); large counts abbreviated to three significant digits with K/M/B/T (10^3…10^12: 447K,
 * 1.99M); money as $995.80 / $1.08K / $995.8K / $1.12M / $2.40B; durations in ms/s/min/h under a day, then days.
 */
export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** An integer with thousands separators: 16384 → "16,384" (no locale: byte-identical everywhere). */
export function int(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Three significant digits, without trailing zeros after rounding up to 1000 (999.96 → "1000"). */
const sig3 = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A count abbreviated to three significant digits: 950, 12.5K, 447K, 1.99M, 4.87B; below 1,000 exact. */
export function count(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  const a = Math.abs(n);
  for (const [v, s] of units) if (a >= v * 0.9995) return `${n < 0 ? '-' : ''}${sig3(a / v)}${s}`;
  return n.toFixed(0);
}

export function flops(n: number): string {
  return `${n.toExponential(2)} FLOP`;
}

/** A step or run time: "873.7 ms", "1.42 s", "12.5 min", "7 h 12 min", "36.3 days". */
export function duration(seconds: number): string {
  if (seconds < 1) return `${(seconds * 1000).toFixed(1)} ms`;
  if (seconds < 120) return `${seconds.toFixed(2)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 86400) {
    const minutes = Math.round(seconds / 60);
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  }
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** Days for a table cell: "36.3" from a day up, hours/minutes below ("7.2 h", "45 min"). */
export function shortDays(days: number): string {
  if (days >= 1) return days >= 1000 ? int(days) : days.toFixed(1);
  const h = days * 24;
  return h >= 1 ? `${h.toFixed(1)} h` : `${Math.max(1, Math.round(h * 60))} min`;
}

/** Money: "$995.80", "$1.08K", "$995.8K", "$1.12M", "$2.40B"; "n/a" for null. */
export function usd(x: number | null): string {
  if (x === null) return 'n/a';
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${sign}$${(a / 1e3).toFixed(1)}K`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(2)}K`;
  return `${sign}$${a.toFixed(2)}`;
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Rounds every number in a JSON value to `digits` significant digits (integers stay exact) — the one rounding rule of JSON output. */
export function roundDeep<T>(value: T, digits = 6): T {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return value;
    return Number(value.toPrecision(digits)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundDeep(v, digits);
    return out as T;
  }
  return value;
}
