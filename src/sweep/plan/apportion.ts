/**
 * Splitting a total instance count over the scenario's instance groups in proportion to their counts, by
 * the D'Hondt (Jefferson) method: each instance in turn goes to the group with the largest weight/(a+1).
 * It is house-monotone (one more instance never takes one away from a group), which keeps the search over
 * the total monotone where largest-remainder rounding would not be (the Alabama paradox).
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const counts = weights.map(() => 0);
  for (let k = 0; k < total; k++) {
    let best = -1;
    let bestScore = -1;
    weights.forEach((w, i) => {
      const score = w / (counts[i]! + 1);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    if (best < 0) break;
    counts[best]!++;
  }
  return counts;
}
