/**
 * Gate results as JUnit XML (the format CI systems render as test results): one testsuite per scenario,
 * one testcase per (gate, strategy); a tripped gate is a <failure>, a skipped one <skipped>. No timestamps
 * or durations, so the file is deterministic.
 */
import type { GateResult } from "./evaluate-gates.ts";

export function renderJunit(scenario: string, results: GateResult[]): string {
  const failures = results.filter((r) => r.status === "tripped").length;
  const skipped = results.filter((r) => r.status === "skipped").length;
  const counts = `tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const cases = results.map((r) => {
    const open = `    <testcase classname="berth.gates.${xml(scenario)}" name="${xml(`${r.gate} [${r.strategy}]`)}"`;
    if (r.status === "passed")
      return `${open}>\n      <system-out>${xml(r.message)}</system-out>\n    </testcase>`;
    if (r.status === "skipped")
      return `${open}>\n      <skipped message="${xml(r.message)}"/>\n    </testcase>`;
    return (
      `${open}>\n      <failure type="GateTripped" message="${xml(r.message)}">` +
      `${xml(`${r.origin}: ${r.gate}\n${r.message}`)}</failure>\n    </testcase>`
    );
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="berth gates" ${counts}>`,
    `  <testsuite name="${xml(scenario)}" ${counts}>`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/**
 * Text in XML content or attributes. Characters XML 1.0 cannot hold at all (C0 controls but tab, line feed
 * and carriage return; lone surrogates; U+FFFE/U+FFFF) become "\u" escapes, so the file stays well-formed.
 */
function xml(text: string): string {
  return text
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
