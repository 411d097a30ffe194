/**
 * Resource ids in the shape AWS prints them (prefix + "-0" + 16 lower-case hex digits), derived
 * deterministically so the same scenario always shows the same ids. They are labels for attributes, logs
 * and cluster queries, not real resources.
 *
 * Names (subnets, VPCs, AMIs) go through a 64-bit hash. Instances and their trunk interfaces go through
 * a bijective 64-bit mix of their launch ordinal instead: two instances of one run can never share an id,
 * and the k-th instance a run launches has the same id in every strategy, seed and scenario (so paired
 * comparisons, logs and per-instance tables line up; `instanceOrdinal` maps an id back).
 */

const MASK64 = 0xffffffffffffffffn;
/** Odd multipliers of the SplitMix64 generator (Steele, Lea, Flood 2014): each is a bijection mod 2^64. */
const GAMMA = 0x9e3779b97f4a7c15n;
const M1 = 0xbf58476d1ce4e5b9n;
const M2 = 0x94d049bb133111ebn;
/** Instance ordinals are offset by one, so no reachable ordinal maps to the all-zero id. */
const INSTANCE_KEY = 1n;
/** Keeps trunk-interface ids apart from instance ids of the same ordinal (both are bijections). */
const TRUNK_KEY = 0x5bd1e9955bd1e995n;

/** 64-bit FNV-1a of a string, as 16 hex digits. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let k = 0; k < text.length; k++) {
    h ^= BigInt(text.charCodeAt(k));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h.toString(16).padStart(16, "0");
}

/** Ids already derived, by "prefix/name": a cluster asks for its zones' subnet ids once per instance. */
const derived = new Map<string, string>();

/** e.g. awsId("subnet", "us-east-1a") -> "subnet-0" + 16 hex digits. */
export function awsId(prefix: string, name: string): string {
  const key = `${prefix}/${name}`;
  let id = derived.get(key);
  if (id === undefined) {
    id = `${prefix}-0${fnv64(key)}`;
    // Bounded: names come from scenarios (zones, groups), a handful per run; a process running many
    // scenarios keeps at most MAX_DERIVED of them.
    if (derived.size >= MAX_DERIVED) derived.clear();
    derived.set(key, id);
  }
  return id;
}
const MAX_DERIVED = 4096;

/**
 * A bijection of [0, 2^64): multiply by an odd constant, then the SplitMix64 finalizer (xor-shifts and odd
 * multiplies, each invertible). Adding `key` first is a bijection too.
 */
function mix64(x: bigint, key: bigint): bigint {
  let z = (((x + key) & MASK64) * GAMMA) & MASK64;
  z = ((z ^ (z >> 30n)) * M1) & MASK64;
  z = ((z ^ (z >> 27n)) * M2) & MASK64;
  return z ^ (z >> 31n);
}

/** The inverse of multiplying by an odd number mod 2^64 (Newton's iteration doubles the correct bits). */
function inverseOdd(a: bigint): bigint {
  let x = a; // correct to 3 bits for odd a
  for (let k = 0; k < 5; k++) x = (x * (2n - ((a * x) & MASK64))) & MASK64;
  return x;
}

/** The inverse of z ^= z >> s on 64 bits. */
function unshift(z: bigint, s: bigint): bigint {
  let x = z;
  for (let k = s; k < 64n; k += s) x = z ^ (x >> s);
  return x;
}

const GAMMA_INV = inverseOdd(GAMMA);
const M1_INV = inverseOdd(M1);
const M2_INV = inverseOdd(M2);

function unmix64(z: bigint, key: bigint): bigint {
  let x = unshift(z, 31n);
  x = unshift((x * M2_INV) & MASK64, 27n);
  x = unshift((x * M1_INV) & MASK64, 30n);
  return (((x * GAMMA_INV) & MASK64) - key) & MASK64;
}

function hex17(z: bigint): string {
  return `0${z.toString(16).padStart(16, "0")}`;
}

/** The EC2-style id of the instance a run launched `ordinal`-th (0-based), e.g. 0 -> "i-0" + 16 hex digits. */
export function instanceId(ordinal: number): string {
  if (ordinal >= 0 && ordinal <= 0xffffffff && Number.isInteger(ordinal))
    return `i-0${mix32(ordinal, INSTANCE_KEY_WORDS)}`;
  return `i-${hex17(mix64(BigInt(ordinal), INSTANCE_KEY))}`;
}

/** The id of the trunk network interface of the `ordinal`-th instance (attribute ecs.awsvpc-trunk-id). */
export function trunkEniId(ordinal: number): string {
  if (ordinal >= 0 && ordinal <= 0xffffffff && Number.isInteger(ordinal))
    return `eni-0${mix32(ordinal, TRUNK_KEY_WORDS)}`;
  return `eni-${hex17(mix64(BigInt(ordinal), TRUNK_KEY))}`;
}

/*
 * mix64 on two unsigned 32-bit words (high, low) instead of BigInt, for ordinals below 2^32 (every run's
 * instances): the same bits as 16 hex digits, a few times cheaper (a 10,000-instance cluster is built at
 * each run). test/model/aws-ids.test.ts checks it against the BigInt mix64 written out again.
 */
const high = (x: bigint): number => Number(x >> 32n);
const low = (x: bigint): number => Number(x & 0xffffffffn);
const [GH, GL, AH, AL, BH, BL] = [high(GAMMA), low(GAMMA), high(M1), low(M1), high(M2), low(M2)];
const INSTANCE_KEY_WORDS: [number, number] = [high(INSTANCE_KEY), low(INSTANCE_KEY)];
const TRUNK_KEY_WORDS: [number, number] = [high(TRUNK_KEY), low(TRUNK_KEY)];
const HEX2 = Array.from({ length: 256 }, (_, k) => k.toString(16).padStart(2, "0"));

/** The high 32 bits of the 64-bit product of two unsigned 32-bit words. */
function mulHigh(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** 8 lower-case hex digits of an unsigned 32-bit word. */
function hex8(w: number): string {
  return HEX2[w >>> 24]! + HEX2[(w >>> 16) & 255]! + HEX2[(w >>> 8) & 255]! + HEX2[w & 255]!;
}

/** hex17's digits after the "0" for mix64(BigInt(ordinal), key), ordinal an integer in [0, 2^32). */
function mix32(ordinal: number, key: [number, number]): string {
  // x = ordinal + key (64-bit), then x * GAMMA, xor-shift 30, * M1, xor-shift 27, * M2, xor-shift 31.
  const sum = ordinal + key[1];
  let xl = sum >>> 0;
  let xh = (key[0] + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  let h = (mulHigh(xl, GL) + Math.imul(xh, GL) + Math.imul(xl, GH)) >>> 0;
  let l = Math.imul(xl, GL) >>> 0;
  l = (l ^ ((l >>> 30) | (h << 2))) >>> 0;
  h = (h ^ (h >>> 30)) >>> 0;
  xh = (mulHigh(l, AL) + Math.imul(h, AL) + Math.imul(l, AH)) >>> 0;
  xl = Math.imul(l, AL) >>> 0;
  l = (xl ^ ((xl >>> 27) | (xh << 5))) >>> 0;
  h = (xh ^ (xh >>> 27)) >>> 0;
  xh = (mulHigh(l, BL) + Math.imul(h, BL) + Math.imul(l, BH)) >>> 0;
  xl = Math.imul(l, BL) >>> 0;
  l = (xl ^ ((xl >>> 31) | (xh << 1))) >>> 0;
  h = (xh ^ (xh >>> 31)) >>> 0;
  return hex8(h) + hex8(l);
}

const INSTANCE_ID = /^i-0([0-9a-f]{16})$/;

/**
 * The 0-based launch ordinal of an id `instanceId` made, or undefined when the text is not one (not of the
 * shape, or it maps beyond the ordinals a run can reach).
 */
export function instanceOrdinal(id: string): number | undefined {
  const m = INSTANCE_ID.exec(id);
  if (!m) return undefined;
  const x = unmix64(BigInt(`0x${m[1]}`), INSTANCE_KEY);
  return x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : undefined;
}
