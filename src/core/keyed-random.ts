/**
 * Counter-based uniforms: u = hash(seed, concern, a, b, c, draw) mapped to (0, 1).
 *
 * Some draws belong to a specific thing rather than to a position in a stream: the crash time of the n-th
 * task of a service, the failure time of the k-th instance of a group. Keying the draw by identity keeps it
 * the same for every strategy even when strategies launch things in a different order, and costs no
 * allocation per draw. The mix is two rounds of a 32-bit avalanche (murmur3 finalizer style) over the key
 * words, then 53 bits assembled from two outputs.
 */
import type { Rng } from "./random.ts";

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return mix32(h);
}

export class KeyedRandom {
  private readonly base: number;
  private a = 0;
  private b = 0;
  private c = 0;
  private draw = 0;
  /** A stream view over the current key: each call returns the next draw for it. */
  readonly next: Rng = () => this.uniform(this.a, this.b, this.c, this.draw++);

  constructor(seed: number, concern: string) {
    this.base = mix32(hashText(concern) ^ mix32(seed >>> 0) ^ Math.floor(seed / 2 ** 32));
  }

  /** Points `next` at the key (a, b, c), starting from its first draw. */
  key(a: number, b: number, c: number): Rng {
    this.a = a;
    this.b = b;
    this.c = c;
    this.draw = 0;
    return this.next;
  }

  /** The uniform on [0, 1) for one key and draw number. */
  uniform(a: number, b: number, c: number, draw: number): number {
    let h = this.base;
    h = mix32(h ^ Math.imul(a + 1, 0x9e3779b1));
    h = mix32(h ^ Math.imul(b + 1, 0x85ebca77));
    h = mix32(h ^ Math.imul(c + 1, 0xc2b2ae3d));
    const hi = mix32(h ^ Math.imul(draw + 1, 0x27d4eb2f));
    const lo = mix32(hi ^ 0x165667b1);
    return (hi * 2 ** 21 + (lo >>> 11)) / 2 ** 53;
  }
}
