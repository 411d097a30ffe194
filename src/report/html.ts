import type { Results } from "./results.ts";
export function renderHtmlReport(results: Results): string {
  return `<!doctype html><title>${results.scenario.name}</title>`;
}
