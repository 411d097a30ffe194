/**
 * Which instances belong to each capacity provider, and each instance's provider: Fleets adds and removes
 * members as instances launch and go; restricted placement (a task bound to a provider) reads them.
 */
import { grown } from "../core/growable.ts";

export class ProviderMembers {
  private readonly lists: { list: Int32Array; count: number }[];
  private providerOfInstance = new Int32Array(16).fill(-1);

  constructor(providers: number) {
    this.lists = Array.from({ length: providers }, () => ({ list: new Int32Array(16), count: 0 }));
  }

  /** Members of provider p: the first `count` entries of `list`, in launch order. */
  members(p: number): { list: Int32Array; count: number } {
    return this.lists[p]!;
  }

  /** Capacity provider of instance i, or -1. */
  providerOf(i: number): number {
    return i < this.providerOfInstance.length ? this.providerOfInstance[i]! : -1;
  }

  add(p: number, i: number): void {
    if (i >= this.providerOfInstance.length) {
      const n = this.providerOfInstance.length;
      this.providerOfInstance = grown(this.providerOfInstance, Math.max(n * 2, i + 1));
      this.providerOfInstance.fill(-1, n);
    }
    this.providerOfInstance[i] = p;
    const pl = this.lists[p]!;
    if (pl.count === pl.list.length) pl.list = grown(pl.list, pl.list.length * 2);
    pl.list[pl.count++] = i;
  }

  remove(p: number, i: number): void {
    const pl = this.lists[p]!;
    const at = pl.list.indexOf(i);
    pl.list.copyWithin(at, at + 1, pl.count);
    pl.count--;
  }
}
