import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the licence", () => {
  it("is the MIT licence in LICENSE, named the same in package.json and the README", () => {
    const license = readFileSync("LICENSE", "utf8");
    expect(license.split("\n")[0]).toBe("MIT License");
    expect(license).toMatch(/^Copyright \(c\) \d{4} \S.*$/m);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.license).toBe("MIT");
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toMatch(/## License\n\nMIT: see \[LICENSE\]\(LICENSE\)/);
  });
});
