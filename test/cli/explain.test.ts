import { afterEach, describe, expect, it, vi } from "vitest";
import { explainCommand } from "../../src/cli/explain.ts";

async function explain(args: string[]): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
  expect(await explainCommand(args)).toBe(0);
  return lines.join("\n");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("berth explain", () => {
  it("explains waits on the shipped port-conflict scenario with port and memory reasons", async () => {
    const text = await explain([
      "scenarios/port-conflict.yaml",
      "--strategy",
      "binpack-memory",
      "--limit",
      "2",
    ]);
    expect(text).toMatch(/did not fit \(0 of 6 instances could take it\)/);
    expect(text).toMatch(/^ +\d+ instances?: +host port 443\/tcp in use \(i-0[0-9a-f]{16}/m);
    expect(text).toMatch(/nearest miss: would fit on i-0[0-9a-f]{16} with /);
    expect(text).toMatch(/then: placed on i-0[0-9a-f]{16} at t=/);
  });

  it("explains the tasks pending at a time on the shipped memberOf scenario", async () => {
    const text = await explain(["scenarios/member-of.yaml", "--strategy", "binpack-memory", "--at", "90m"]);
    expect(text).toMatch(/^\d+ tasks pending at t=5400s/m);
    expect(text).toMatch(/memberOf attribute:ecs.instance-type =~ g4dn\.\*/);
  });

  it("explains one task by id, placed or not", async () => {
    const text = await explain(["scenarios/member-of.yaml", "--strategy", "spread-az", "--task", "t-000005"]);
    expect(text).toMatch(
      /^t-000005 \(api, group family:api\) at t=[\d.]+s: placed on i-0[0-9a-f]{16} \(5 of 8 instances could take it\)$/m,
    );
    expect(text).toMatch(/3 instances: memberOf attribute:stack == prod and not\(task:group == batch\)/);
  });

  it("rejects a task that was never submitted and conflicting options", async () => {
    await expect(
      explainCommand(["scenarios/member-of.yaml", "--strategy", "spread-az", "--task", "999999"]),
    ).rejects.toThrow(/^explain: task t-999999 was never submitted \(this run submitted \d+ tasks/);
    await expect(
      explainCommand(["scenarios/member-of.yaml", "--strategy", "spread-az", "--task", "1", "--at", "5m"]),
    ).rejects.toThrow("explain: give --task or --at, not both");
    await expect(explainCommand(["scenarios/member-of.yaml"])).rejects.toThrow(
      "explain: --strategy NAME is required",
    );
    await expect(
      explainCommand(["scenarios/member-of.yaml", "--strategy", "spread-az", "--at", "4h"]),
    ).rejects.toThrow("explain: --at 4h is past the scenario's horizon (10800s)");
  });
});
