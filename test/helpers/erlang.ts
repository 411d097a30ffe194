/**
 * Textbook queueing formulas for the M/M/c validation tests (test/sim/erlang.test.ts).
 *
 * Offered load a = lambda / mu (erlangs), c servers.
 *   Erlang B (blocking of M/M/c/c):  B(0, a) = 1,  B(k, a) = a B(k-1, a) / (k + a B(k-1, a))
 *   Erlang C (wait probability of M/M/c, a < c):  C(c, a) = c B(c, a) / (c - a (1 - B(c, a)))
 *   Mean wait in queue:  Wq = C(c, a) / (c mu - lambda)
 */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`c must be a whole number >= 0 (got ${c})`);
  if (!(a >= 0)) throw new RangeError(`a must be >= 0 (got ${a})`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`Erlang C needs a < c (got a ${a}, c ${c})`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean time in queue of M/M/c with arrival rate lambda and service rate mu per server. */
export function erlangCMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}
