/**
 * Phase "cluster": the instance-type catalog (built-ins plus cluster.instanceTypes), the calendar date of
 * simulated time 0, and each instance group with its type, zones, registration time and attributes.
 */
import { awsId } from "../../model/aws-ids.ts";
import { type InstanceType, resolveCatalog } from "../../model/instance-types.ts";
import { parseCqlDate } from "../../placement/cql/values.ts";
import { DEFAULT_START_TIME } from "../compiled.ts";
import type { Scenario } from "../schema.ts";
import type { CompilePhase } from "./context.ts";

export const clusterPhase: CompilePhase = {
  name: "cluster",
  reads: ["cluster"],
  run(ctx) {
    const { s, report } = ctx;
    ctx.catalog = resolveCatalog(s.cluster.instanceTypes ?? {}, (name, message) =>
      report.error(["cluster", "instanceTypes", name], message),
    );
    ctx.epochMs = parseCqlDate(s.cluster.startTime ?? DEFAULT_START_TIME) ?? 0;
    if (s.cluster.startTime !== undefined && parseCqlDate(s.cluster.startTime) === undefined)
      report.error(
        ["cluster", "startTime"],
        `cannot read date "${s.cluster.startTime}" (use 2026-01-01 or 2026-01-01T00:00:00Z)`,
      );
    s.cluster.instances.forEach((g, i) => {
      const type = ctx.catalog.get(g.type);
      if (!type) {
        report.error(
          ["cluster", "instances", i, "type"],
          `unknown instance type "${g.type}" (define it under cluster.instanceTypes)`,
        );
        return;
      }
      if (!ctx.instanceTypes.includes(type)) ctx.instanceTypes.push(type);
      let registeredAt = 0;
      if (g.registeredAt !== undefined) {
        const ms = parseCqlDate(g.registeredAt);
        if (ms === undefined)
          report.error(["cluster", "instances", i, "registeredAt"], `cannot read date "${g.registeredAt}"`);
        else registeredAt = (ms - ctx.epochMs) / 1000;
      }
      ctx.instanceGroups.push({
        type,
        count: g.count,
        zones: g.zones ?? ["us-east-1a"],
        attributes: instanceAttributes(g, type),
        registeredAt,
        ...(g.agentVersion !== undefined ? { agentVersion: g.agentVersion } : {}),
      });
    });
  },
};

/**
 * The built-in attributes a group's AMI decides (ecs.os-type, ecs.os-family, ecs.ami-id, ecs.vpc-id), then
 * the group's own attributes, which may override them.
 */
function instanceAttributes(
  g: Scenario["cluster"]["instances"][number],
  type: InstanceType,
): Record<string, string> {
  const os = g.osFamily ?? "LINUX";
  return {
    "ecs.os-type": os === "LINUX" ? "linux" : "windows",
    "ecs.os-family": os,
    "ecs.ami-id": awsId("ami", `ecs-optimized/${os}/${type.architecture}`),
    "ecs.vpc-id": awsId("vpc", "cluster"),
    ...(g.attributes ?? {}),
  };
}
