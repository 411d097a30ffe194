/**
 * The first key word of a task's keyed draws (startup time, container faults): its workload source index,
 * or SERVICE_ORIGIN + its service index. With the task's ordinal (n-th task of the source, n-th launch of
 * the service) it names the same task under every strategy.
 */
export const SERVICE_ORIGIN = 1 << 20;

export function originOf(service: number, source: number): number {
  return service >= 0 ? SERVICE_ORIGIN + service : source;
}
