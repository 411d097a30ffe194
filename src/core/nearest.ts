/**
 * "Did you mean" suggestions: the candidate nearest a misspelt word by edit distance (insertions, deletions,
 * substitutions and swaps of neighbouring letters, case ignored), when it is near enough to be a likely typo.
 */

/** Optimal-string-alignment distance between a and b. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidate nearest `word`, or undefined when none is close: within a third of the word's length (at
 * least 1, at most 3 edits), or a candidate that starts with the word (`--seed` for `--seeds`). Ties go to
 * the earlier candidate, so the result does not depend on anything but the candidates' order.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  if (w === "") return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = c.startsWith(w) && w.length >= 3 ? Math.min(1, editDistance(w, c)) : editDistance(w, c);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** "; did you mean X?" or "", to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>, show = (s: string) => s): string {
  const hit = nearest(word, candidates);
  return hit === undefined ? "" : `; did you mean ${show(hit)}?`;
}
