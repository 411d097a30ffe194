/** The version of the installed package, read from its package.json (two folders up from src/cli or dist/cli). */
import { readFileSync } from "node:fs";

export function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
  return pkg.version ?? "unknown";
}
