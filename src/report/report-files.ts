/**
 * The human-readable outputs of a run, rebuilt from results.json alone: `berth run` and `berth report` both
 * call this, so the report of a saved results.json is byte-identical to the run's own. With image formats
 * (--svg, --png) every drawn chart is also written under charts/, and summary.md links to them (SVG when
 * both are written). The image module (vega, resvg) is loaded only then.
 */
import { renderHtmlReport } from "./html.ts";
import type { ImageFormat } from "./image-formats.ts";
import type { Results } from "./results.ts";
import { renderSummaryMarkdown } from "./summary-markdown.ts";

export { CHART_FOLDER, type ImageFormat, imageFormats } from "./image-formats.ts";

export interface ReportFile {
  /** Relative to the report folder. */
  name: string;
  content: string | Uint8Array;
}

export async function reportFiles(results: Results, formats: ImageFormat[] = []): Promise<ReportFile[]> {
  const images =
    formats.length === 0 ? [] : await (await import("./static-charts.ts")).chartImages(results, formats);
  const linked = formats.includes("svg") ? images.filter((i) => i.name.endsWith(".svg")) : images;
  return [
    { name: "summary.md", content: renderSummaryMarkdown(results, linked) },
    { name: "index.html", content: renderHtmlReport(results) },
    ...images.map((i) => ({ name: i.name, content: i.content })),
  ];
}
