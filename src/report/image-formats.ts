/** The chart image formats of --svg / --png and where the images go (static-charts.ts writes them). */

export type ImageFormat = "svg" | "png";

/** Folder of the chart images inside the report folder. */
export const CHART_FOLDER = "charts";

/** The formats asked for with --svg and --png. */
export function imageFormats(values: {
  svg?: boolean | undefined;
  png?: boolean | undefined;
}): ImageFormat[] {
  return [...(values.svg ? ["svg" as const] : []), ...(values.png ? ["png" as const] : [])];
}
