/**
 * Every chart of the report as a static file, for pipelines that cannot open index.html (a pull-request
 * comment, a wiki page, summary.md): SVG from vega's headless renderer (no browser, no canvas: text widths
 * are vega's estimate), PNG by rasterising that SVG with resvg. The bytes depend on the results only, so
 * `berth report` rebuilds the same files; PNG text is drawn with the machine's sans-serif font, so PNG
 * bytes can differ between machines with different fonts (SVG bytes do not). A chart with nothing to show
 * gets no file (index.html and summary.md carry its one-line note instead).
 */
import { Resvg } from "@resvg/resvg-js";
import { parse, resetSVGDefIds, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHARTS, type ChartId, chartsFor, emptyReason } from "./charts/index.ts";
import { CHART_FOLDER, type ImageFormat } from "./image-formats.ts";
import type { Results } from "./results.ts";

export interface ChartImage {
  id: ChartId;
  title: string;
  /** Relative to the report folder: charts/<id>.svg or charts/<id>.png. */
  name: string;
  content: string | Uint8Array;
}

/** PNGs are drawn at twice the SVG's size so they stay sharp on high-density screens. */
const PNG_ZOOM = 2;

/** A spec as SVG text, rendered headless; white background so the file reads well on any page. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const vega = compile({ background: "white", ...spec }).spec;
  // Clip and gradient ids count up per process: restart them so the same chart gives the same bytes.
  resetSVGDefIds();
  const view = new View(parse(vega), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** The charts index.html draws (those with something to show), in page order. */
export function drawnCharts(results: Results): ChartId[] {
  return chartsFor(results).filter((id) => emptyReason(results, id) === undefined);
}

/** Image files of every drawn chart in each requested format, charts in page order. */
export async function chartImages(results: Results, formats: ImageFormat[]): Promise<ChartImage[]> {
  const images: ChartImage[] = [];
  for (const id of drawnCharts(results)) {
    const svg = await chartSvg(CHARTS[id].build(results));
    const title = CHARTS[id].title;
    if (formats.includes("svg")) images.push({ id, title, name: `${CHART_FOLDER}/${id}.svg`, content: svg });
    if (formats.includes("png"))
      images.push({ id, title, name: `${CHART_FOLDER}/${id}.png`, content: svgToPng(svg) });
  }
  return images;
}
