/**
 * Phase "task fit": warns about task definitions no instance of the cluster can ever hold, by resources,
 * ENIs, CPU architecture or static host ports (the agent's reserved ports and the reserved-port limit).
 */
import { AGENT_RESERVED_PORTS, MAX_RESERVED_PORTS } from "../../model/cluster.ts";
import type { CompilePhase } from "./context.ts";

export const taskFitPhase: CompilePhase = {
  name: "task fit",
  reads: [],
  uses: ["cluster", "task definitions"],
  run({ shapes, instanceTypes, report }) {
    shapes.forEach((shape, i) => {
      const fitsSomewhere = instanceTypes.some(
        (t) =>
          t.cpu >= shape.cpu &&
          t.memory >= shape.memory &&
          t.gpu >= shape.gpu &&
          (shape.eni === 0 || t.enis > 1) &&
          (shape.platform?.cpuArchitecture === undefined ||
            t.architecture === shape.platform.cpuArchitecture),
      );
      const ec2 = shape.platform?.ec2 ?? true;
      if (!fitsSomewhere && ec2 && instanceTypes.length > 0) {
        report.warn(
          ["taskDefinitions", i],
          `no instance type of the cluster can ever hold "${shape.family}" (cpu ${shape.cpu}, memory ${shape.memory} MiB, gpu ${shape.gpu}${shape.platform?.cpuArchitecture ? `, ${shape.platform.cpuArchitecture}` : ""})`,
        );
      }
    });

    shapes.forEach((shape, i) => {
      for (const port of shape.staticPorts) {
        if (AGENT_RESERVED_PORTS.some((p) => `${p}/tcp` === port))
          report.warn(
            ["taskDefinitions", i],
            `host port ${port} is reserved by the ECS agent on every instance (${AGENT_RESERVED_PORTS.join(", ")}), so "${shape.family}" can never be placed`,
          );
      }
      const room = MAX_RESERVED_PORTS - AGENT_RESERVED_PORTS.length;
      if (shape.staticPorts.length > room)
        report.warn(
          ["taskDefinitions", i],
          `"${shape.family}" needs ${shape.staticPorts.length} static host ports; an instance holds at most ${MAX_RESERVED_PORTS} reserved ports, ${AGENT_RESERVED_PORTS.length} of them the agent's, so it can never be placed`,
        );
    });
  },
};
