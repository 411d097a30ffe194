/**
 * Stranded capacity at one instant: free CPU and memory on ACTIVE instances where none of the scenario's
 * task shapes fits (so no task of this workload could use it), as fractions of the registered CPU and
 * memory of the ACTIVE instances. Cost: O(instances x shapes) per sample.
 */
import { type Cluster, InstanceStatus, Misfit, type PlacementShape } from "../model/cluster.ts";

export interface Stranded {
  cpu: number;
  memory: number;
}

export function strandedCapacity(cluster: Cluster, shapes: PlacementShape[]): Stranded {
  let strandedCpu = 0;
  let strandedMemory = 0;
  let registeredCpu = 0;
  let registeredMemory = 0;
  for (let i = 0; i < cluster.count; i++) {
    if (cluster.status[i] !== InstanceStatus.Active) continue;
    registeredCpu += cluster.regCpu[i]!;
    registeredMemory += cluster.regMemory[i]!;
    let usable = false;
    for (const shape of shapes) {
      if (cluster.misfit(shape, i) === Misfit.None) {
        usable = true;
        break;
      }
    }
    if (!usable) {
      strandedCpu += cluster.freeCpu[i]!;
      strandedMemory += cluster.freeMemory[i]!;
    }
  }
  return {
    cpu: registeredCpu > 0 ? strandedCpu / registeredCpu : 0,
    memory: registeredMemory > 0 ? strandedMemory / registeredMemory : 0,
  };
}
