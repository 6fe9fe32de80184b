/** Bad input from the user: printed as one line (no stack) and exit code 2. */
export class InputError extends Error {
  readonly code: string;
  readonly suggestion: string | undefined;
  /** Where: "file:line:col", "file: field.path" or a flag name. */
  readonly location: string | undefined;
  constructor(code: string, message: string, opts: { suggestion?: string; location?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.suggestion = opts.suggestion;
    this.location = opts.location;
  }
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate to `name` (case-insensitive), or undefined when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const score = cl.startsWith(lower) || lower.startsWith(cl) ? Math.abs(cl.length - lower.length) * 0.1 : editDistance(lower, cl);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const limit = Math.max(2, Math.ceil(name.length / 3));
  return bestScore <= limit ? best : undefined;
}
