/** The verdict block at the top of index.html: warnings first, then the trade-off, then one line per metric. */
import { escapeHtml } from "./html-escape.ts";
import type { Results } from "./results.ts";
import { verdictLines } from "./verdict-text.ts";

export function verdictHtml(results: Results): string {
  const v = verdictLines(results.verdict);
  const warnings = v.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("");
  const entries = v.entries
    .map((e) => `<li class="${e.significant ? "winner" : "even"}">${escapeHtml(e.text)}</li>`)
    .join("");
  return `<section class="verdict-block" id="verdict">
<h2>Verdict</h2>
${warnings ? `<ul class="warnings">${warnings}</ul>` : ""}
${v.tradeOff ? `<p class="trade-off">${escapeHtml(v.tradeOff)}</p>` : ""}
<ul class="entries">${entries}</ul>
${v.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
<p class="note">${escapeHtml(v.intro)}</p>
</section>`;
}
