/** The reproducibility card of index.html: everything needed to run the same comparison again. */
import { escapeHtml } from "./html-escape.ts";
import type { Results } from "./results.ts";

export function reproduceHtml(results: Results): string {
  const sc = results.scenario;
  const p = results.provenance;
  const rows: [string, string][] = [
    ["berth", `${results.generator.name} ${results.generator.version}`],
    ["scenario", `${sc.name}, sha256 ${sc.hash}`],
    ["seeds", sc.seeds.join(", ")],
  ];
  for (const s of p?.strategies ?? []) {
    const origin = s.source === "scenario" ? "defined in the scenario (covered by its hash)" : s.version;
    rows.push([`strategy ${s.name}`, `${s.source}: ${origin}`]);
  }
  if (p?.invocation) {
    rows.push(["command", p.invocation.command], ["Node.js", p.invocation.node], ["date", p.invocation.date]);
  }
  const body = rows.map(
    ([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`,
  );
  const missing = p?.invocation
    ? ""
    : `<p class="note">The command line, Node.js version and date were not recorded in these results.</p>`;
  return `<section id="reproduce">
<h2>Reproduce this run</h2>
<p class="note">The same scenario content, seeds and strategies give byte-identical results.json outside its <code>timing</code> and <code>provenance.invocation</code> parts (docs/results.md).</p>
<div class="table-wrap fit"><table class="reproduce"><tbody>${body.join("")}</tbody></table></div>
${missing}
</section>`;
}
