/**
 * Headless rendering of a Vega-Lite spec as a browser would do it: compile to Vega, run the dataflow,
 * serialize the scenegraph to SVG. Warnings from both steps are collected so tests can demand none.
 */
import { type LoggerInterface, parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export interface Rendered {
  svg: string;
  view: View;
  warnings: string[];
}

function collectingLogger(warnings: string[]): LoggerInterface {
  let level = 2;
  const logger: LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args) {
      throw new Error(args.map(String).join(" "));
    },
    warn(...args) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

export async function render(spec: TopLevelSpec): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vega = compile(spec, { logger }).spec;
  const view = new View(parse(vega), { renderer: "none", logger });
  const svg = await view.toSVG();
  return { svg, view, warnings };
}
