/**
 * "Why did this task (not) fit?" for one decision: every instance's first excluding check, aggregated by
 * check ("6 instances: insufficient memory; 3: host port 443/tcp in use"), and the nearest miss: among
 * the instances that pass every constraint and filter but lack resources, the one with the smallest
 * shortfall (sum over resources of missing / registered), e.g. "would fit on i-02c829abe1f4532e1 with 256 more MiB".
 *
 * It re-evaluates the pipeline check by check for every instance, so it costs O(instances x checks); it is
 * only called on request (berth explain), never in a normal run.
 */
import { type Cluster, InstanceStatus, MAX_RESERVED_PORTS } from "../model/cluster.ts";
import { taskIdText } from "../model/task-table.ts";
import type { CompiledChain } from "./registry.ts";
import { type Decision, ReadonlyTask } from "./task-view.ts";

export interface ExclusionGroup {
  reason: string;
  count: number;
  /** The first few instances excluded for this reason. */
  examples: string[];
}

export interface Explanation {
  task: string;
  family: string;
  group: string;
  time: number;
  instances: number;
  feasible: number;
  excluded: ExclusionGroup[];
  nearestMiss?: { instance: string; needs: string };
}

const EXAMPLES = 3;

/** Why instance i cannot take the task now, or "" when it can. Checks run in pipeline order. */
export function firstExclusion(cluster: Cluster, chain: CompiledChain, d: Decision, i: number): string {
  if (cluster.status[i] !== InstanceStatus.Active) return "instance not ACTIVE";
  const s = d.placement;
  if (cluster.freeCpu[i]! < s.cpu) return "insufficient CPU";
  if (cluster.freeMemory[i]! < s.memory) return "insufficient memory";
  if (cluster.freeGpu[i]! < s.gpu) return "insufficient GPUs";
  if (cluster.freeEni[i]! < s.eni) return "no free ENI for awsvpc";
  const port = portProblem(cluster, d, i);
  if (port) return port;
  const failed = d.constraints?.firstFailing(i) ?? -1;
  if (failed >= 0) return d.constraints!.checks[failed]!.label;
  const task = new ReadonlyTask(d);
  for (const f of chain.filters) if (!f.test(i, task)) return `excluded by strategy filter ${f.name}`;
  return "";
}

function portProblem(cluster: Cluster, d: Decision, i: number): string {
  const ids = d.placement.staticPortIds;
  if (ids.length > 0) {
    const base = i * cluster.ports.length;
    for (let k = 0; k < ids.length; k++)
      if (cluster.portUsed[base + ids[k]!] === 1) return `host port ${cluster.ports[ids[k]!]} in use`;
    if (cluster.staticPortsInUse[i]! + ids.length > MAX_RESERVED_PORTS)
      return `reserved port limit (${MAX_RESERVED_PORTS}) reached`;
  }
  if (cluster.freeDynamicPorts[i]! < d.placement.dynamicPorts) return "no dynamic host ports left";
  return "";
}

export function explainDecision(cluster: Cluster, chain: CompiledChain, d: Decision): Explanation {
  const groups = new Map<string, ExclusionGroup>();
  let feasible = 0;
  let nearest = -1;
  let nearestGap = Number.POSITIVE_INFINITY;
  for (let i = 0; i < cluster.count; i++) {
    const why = firstExclusion(cluster, chain, d, i);
    if (why === "") {
      feasible++;
      continue;
    }
    let g = groups.get(why);
    if (!g) {
      g = { reason: why, count: 0, examples: [] };
      groups.set(why, g);
    }
    g.count++;
    if (g.examples.length < EXAMPLES) g.examples.push(cluster.ids[i]!);
    const gap = resourceGap(cluster, chain, d, i);
    if (gap < nearestGap) {
      nearestGap = gap;
      nearest = i;
    }
  }
  const out: Explanation = {
    task: d.id >= 0 ? taskIdText(d.id) : "(probe)",
    family: d.family,
    group: d.group,
    time: d.time,
    instances: cluster.count,
    feasible,
    excluded: [...groups.values()].sort((a, b) => b.count - a.count),
  };
  if (feasible === 0 && nearest >= 0)
    out.nearestMiss = { instance: cluster.ids[nearest]!, needs: needs(cluster, d, nearest) };
  return out;
}

/**
 * Normalized shortfall of instance i if resources were all that stood in the way: infinity when the
 * instance is not ACTIVE, fails a constraint or filter, or could never hold the task (registered too small).
 */
function resourceGap(cluster: Cluster, chain: CompiledChain, d: Decision, i: number): number {
  if (cluster.status[i] !== InstanceStatus.Active) return Number.POSITIVE_INFINITY;
  if ((d.constraints?.firstFailing(i) ?? -1) >= 0) return Number.POSITIVE_INFINITY;
  const task = new ReadonlyTask(d);
  for (const f of chain.filters) if (!f.test(i, task)) return Number.POSITIVE_INFINITY;
  const s = d.placement;
  if (
    cluster.regCpu[i]! < s.cpu ||
    cluster.regMemory[i]! < s.memory ||
    cluster.regGpu[i]! < s.gpu ||
    cluster.regEni[i]! < s.eni
  )
    return Number.POSITIVE_INFINITY;
  const short = (need: number, free: number, reg: number) =>
    need > free ? (need - free) / Math.max(1, reg) : 0;
  let gap =
    short(s.cpu, cluster.freeCpu[i]!, cluster.regCpu[i]!) +
    short(s.memory, cluster.freeMemory[i]!, cluster.regMemory[i]!) +
    short(s.gpu, cluster.freeGpu[i]!, cluster.regGpu[i]!) +
    short(s.eni, cluster.freeEni[i]!, cluster.regEni[i]!);
  // A port conflict counts as one whole resource short: it clears only when that task stops.
  if (portProblem(cluster, d, i) !== "") gap += 1;
  return gap;
}

function needs(cluster: Cluster, d: Decision, i: number): string {
  const s = d.placement;
  const parts: string[] = [];
  if (s.cpu > cluster.freeCpu[i]!) parts.push(`${s.cpu - cluster.freeCpu[i]!} more CPU units`);
  if (s.memory > cluster.freeMemory[i]!) parts.push(`${s.memory - cluster.freeMemory[i]!} more MiB`);
  if (s.gpu > cluster.freeGpu[i]!) parts.push(`${s.gpu - cluster.freeGpu[i]!} more GPUs`);
  if (s.eni > cluster.freeEni[i]!) parts.push("a free ENI");
  const port = portProblem(cluster, d, i);
  if (port)
    parts.push(
      `${port.replace(" in use", "")} free`.replace(/^no dynamic host ports left free$/, "a dynamic port"),
    );
  return parts.join(" and ");
}

/** The explanation as text, one line per exclusion group. */
export function formatExplanation(e: Explanation, placedOn?: string): string {
  const head = `${e.task} (${e.family}, group ${e.group}) at t=${Number(e.time.toFixed(3))}s: `;
  const lines = [
    head +
      (placedOn !== undefined
        ? `placed on ${placedOn} (${e.feasible} of ${e.instances} instances could take it)`
        : `did not fit (${e.feasible} of ${e.instances} instances could take it)`),
  ];
  for (const g of e.excluded) {
    const more = g.count > g.examples.length ? ", ..." : "";
    lines.push(
      `  ${String(g.count).padStart(4)} ${g.count === 1 ? "instance: " : "instances:"} ${g.reason} (${g.examples.join(", ")}${more})`,
    );
  }
  if (e.nearestMiss)
    lines.push(`  nearest miss: would fit on ${e.nearestMiss.instance} with ${e.nearestMiss.needs}`);
  else if (e.feasible === 0 && e.instances > 0)
    lines.push("  nearest miss: none; no instance passes the constraints and filters or is large enough");
  return lines.join("\n");
}
