import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awsId, instanceId, instanceOrdinal, trunkEniId } from "../../src/model/aws-ids.ts";
import { instanceType, testCluster } from "../../src/testing/cluster.ts";

describe("instance ids", () => {
  it("have the EC2 shape: i-0 and 16 lower-case hex digits", () => {
    for (const k of [0, 1, 2, 99, 12345, 2 ** 31, Number.MAX_SAFE_INTEGER])
      expect(instanceId(k)).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(trunkEniId(0)).toMatch(/^eni-0[0-9a-f]{16}$/);
  });

  it("are a fixed function of the launch ordinal", () => {
    // Pinned: docs, examples and users' ec2InstanceId constraints quote these.
    expect(instanceId(0)).toBe("i-0e220a8397b1dcdaf");
    expect(instanceId(1)).toBe("i-06e789e6aa1b965f4");
    expect(trunkEniId(0)).toBe("eni-0729b13e54507c89d");
  });

  it("never repeat: the ordinal comes back from the id (the mix is a bijection)", () => {
    const seen = new Set<string>();
    for (let k = 0; k < 50_000; k++) {
      const id = instanceId(k);
      seen.add(id);
      expect(instanceOrdinal(id)).toBe(k);
    }
    expect(seen.size).toBe(50_000);
    for (const k of [2 ** 32 + 7, 2 ** 52 + 3, Number.MAX_SAFE_INTEGER])
      expect(instanceOrdinal(instanceId(k))).toBe(k);
  });

  it("keep trunk interfaces apart from instances", () => {
    const instances = new Set(Array.from({ length: 1000 }, (_, k) => instanceId(k).slice(2)));
    for (let k = 0; k < 1000; k++) expect(instances.has(trunkEniId(k).slice(4))).toBe(false);
  });

  it("refuse text that no ordinal maps to", () => {
    expect(instanceOrdinal("i-00001")).toBeUndefined();
    expect(instanceOrdinal("i-0E220A8397B1DCDAF")).toBeUndefined();
    expect(instanceOrdinal("i-1e220a8397b1dcdaf")).toBeUndefined();
    // An id of the right shape outside the reachable ordinals.
    expect(instanceOrdinal("i-0ffffffffffffffff")).toBeUndefined();
  });

  it("are what the cluster gives its instances, in registration order", () => {
    const t = instanceType("m5.large", 2048, 7680);
    const env = testCluster([{ type: t }, { type: t }, { type: t }]);
    expect(env.cluster.ids).toEqual([instanceId(0), instanceId(1), instanceId(2)]);
  });

  it("match the table in docs/placement.md", () => {
    const doc = readFileSync("docs/placement.md", "utf8");
    const rows = [
      ...doc.matchAll(/^\| (\d+) +\| `(i-0[0-9a-f]{16})` \| (\d+) +\| `(i-0[0-9a-f]{16})` \|$/gm),
    ];
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(instanceId(Number(r[1]) - 1)).toBe(r[2]);
      expect(instanceId(Number(r[3]) - 1)).toBe(r[4]);
    }
  });

  it("leave named resource ids as they were", () => {
    expect(awsId("subnet", "us-east-1a")).toMatch(/^subnet-0[0-9a-f]{16}$/);
    expect(awsId("subnet", "us-east-1a")).not.toBe(awsId("subnet", "us-east-1b"));
  });

  it("derive named ids as the 64-bit FNV-1a of prefix/name, whether remembered or not", () => {
    // The reference, written out again here: FNV-1a over UTF-16 code units, 64 bits.
    const fnv = (text: string) => {
      let h = 0xcbf29ce484222325n;
      for (const ch of text)
        for (let k = 0; k < ch.length; k++)
          h = ((h ^ BigInt(ch.charCodeAt(k))) * 0x100000001b3n) & (2n ** 64n - 1n);
      return h.toString(16).padStart(16, "0");
    };
    // A known value, then enough distinct names to pass the memo's bound twice, each asked three times.
    expect(awsId("subnet", "us-east-1a")).toBe(`subnet-0${fnv("subnet/us-east-1a")}`);
    const names = Array.from({ length: 9000 }, (_, k) => (k % 7 === 0 ? "" : `zone-${k}-\u00e9\ud83d\ude00`));
    for (let round = 0; round < 3; round++)
      for (const [k, name] of names.entries()) {
        const prefix = k % 2 === 0 ? "vpc" : "ami";
        expect(awsId(prefix, name)).toBe(`${prefix}-0${fnv(`${prefix}/${name}`)}`);
      }
  });

  it("from 32-bit words give the BigInt SplitMix64 mix's bits for every ordinal below 2^32", () => {
    // The reference, written out again here with BigInt: (x + key) * GAMMA, then the SplitMix64 finalizer.
    const M = 2n ** 64n - 1n;
    const mix = (x: bigint, key: bigint) => {
      let z = (((x + key) & M) * 0x9e3779b97f4a7c15n) & M;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
      return `0${(z ^ (z >> 31n)).toString(16).padStart(16, "0")}`;
    };
    const check = (k: number) => {
      expect(instanceId(k)).toBe(`i-${mix(BigInt(k), 1n)}`);
      expect(trunkEniId(k)).toBe(`eni-${mix(BigInt(k), 0x5bd1e9955bd1e995n)}`);
    };
    // Word edges, and the trunk key's low word carrying into the high word (ordinal + 0x5bd1e995 >= 2^32).
    for (const k of [0, 1, 0xffff, 0x10000, 2 ** 31 - 1, 2 ** 31, 0xa42e166a, 0xa42e166b, 2 ** 32 - 1])
      check(k);
    // Past 2^32 the BigInt path answers.
    for (const k of [2 ** 32, 2 ** 32 + 7, 2 ** 52 + 3, Number.MAX_SAFE_INTEGER]) check(k);
    fc.assert(
      fc.property(fc.oneof(fc.nat(100_000), fc.nat(0xffffffff)), (k) => check(k)),
      { numRuns: 5000 },
    );
  });
});
