/**
 * Map keys of placement classes (engine.ts): tasks with the same workload source, service, shape, group and
 * capacity provider are interchangeable for feasibility and share one class.
 *
 * The key is the mixed-radix integer
 *   key = group x radix + ((source + 1) x (services + 1) + service + 1) x shapes + shape) x (providers + 1)
 *         + provider + 1,      radix = (sources + 1) x (services + 1) x shapes x (providers + 1)
 * (source, service and provider are -1 when absent). It is exact, and so distinct per class, while it stays
 * below 2^53: group ids are int32, so while the radix stays within 2^21. Beyond that the key is a string.
 * Building a string for every new task cost about 2% of a million-task run.
 */
export interface ClassKeySizes {
  sources: number;
  services: number;
  shapes: number;
  providers: number;
}

const MAX_RADIX = 2 ** 21;

export class PlacementClassKeys {
  private readonly radix: number;

  constructor(private readonly sizes: ClassKeySizes) {
    this.radix = (sizes.sources + 1) * (sizes.services + 1) * sizes.shapes * (sizes.providers + 1);
  }

  key(source: number, service: number, shape: number, group: number, provider: number): number | string {
    const z = this.sizes;
    if (this.radix > MAX_RADIX) return `${source}/${service}/${shape}/${group}/${provider}`;
    const sourceService = (source + 1) * (z.services + 1) + service + 1;
    return group * this.radix + (sourceService * z.shapes + shape) * (z.providers + 1) + provider + 1;
  }
}
