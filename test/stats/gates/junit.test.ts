import { describe, expect, it } from "vitest";
import type { GateResult } from "../../../src/stats/gates/evaluate-gates.ts";
import { renderJunit } from "../../../src/stats/gates/junit.ts";

const result = (status: GateResult["status"], gate: string, message: string): GateResult => ({
  gate,
  origin: "s.yaml:3:5 gates[0]",
  strategy: "bp",
  metric: "placementDelay.p95",
  status,
  observed: 1,
  ci95: null,
  relativeChange: null,
  excess: 0,
  message,
});

describe("renderJunit", () => {
  it("writes one testcase per gate check, failures and skips counted, XML escaped", () => {
    const xml = renderJunit("demo", [
      result("passed", "placementDelay.p95 < 30s", "ok"),
      result("tripped", "fragmentation.strandedMemory < 0.15", 'is 0.2 & "high" <bad>'),
      result("skipped", "x < 1", 'skipped: strategy "y" did not run'),
    ]);
    expect(xml).toContain('<testsuites name="berth gates" tests="3" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('<testcase classname="berth.gates.demo" name="placementDelay.p95 &lt; 30s [bp]">');
    expect(xml).toContain(
      '<failure type="GateTripped" message="is 0.2 &amp; &quot;high&quot; &lt;bad&gt;">s.yaml:3:5 gates[0]: ' +
        "fragmentation.strandedMemory &lt; 0.15\nis 0.2 &amp; &quot;high&quot; &lt;bad&gt;</failure>",
    );
    expect(xml).toContain('<skipped message="skipped: strategy &quot;y&quot; did not run"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
  });

  it("writes an empty suite when there are no gates", () => {
    expect(renderJunit("demo", [])).toContain('tests="0" failures="0"');
  });
});
