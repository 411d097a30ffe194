/** Reading rendered SVG: Vega labels every mark with an aria role description and its data fields. */

/** aria-labels of the marks with this role description ("line mark", "bar", "errorbar", ...). */
export function markLabels(svg: string, role: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/<(?:path|rect|line)\b([^>]*)>/g)) {
    const attrs = m[1]!;
    if (!attrs.includes(`aria-roledescription="${role}"`)) continue;
    out.push(/aria-label="([^"]*)"/.exec(attrs)?.[1] ?? "");
  }
  return out;
}

/** Texts drawn on the chart (axis labels, legend labels, titles), entity-decoded. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}
