import { describe, expect, it } from "vitest";
import { CsvRows, formatOf, parseNdjson, shapeKey, splitCsv } from "../../src/trace/trace-row.ts";

describe("trace rows", () => {
  it("splits quoted CSV fields and refuses unbalanced quotes", () => {
    expect(splitCsv('a,"b,c",d')).toEqual(["a", "b,c", "d"]);
    expect(splitCsv('"say ""hi""",2')).toEqual(['say "hi"', "2"]);
    expect(splitCsv('"open,1')).toBeUndefined();
  });

  it("reads a CSV row against its header, with defaults and end times", () => {
    const csv = new CsvRows("family,submit,end,cpu,memory,ports,extra");
    expect(csv.unknownColumns).toEqual(["extra"]);
    const r = csv.parse("web,10,25,512.4,1024,80 443/udp,x");
    expect(r).toEqual({
      submit: 10,
      duration: 15,
      cpu: 512,
      memory: 1024,
      gpu: 0,
      gpuMilli: 0,
      ports: ["80/tcp", "443/udp"],
      family: "web",
      group: "family:web",
      distinctInstance: false,
      memberOf: "",
      count: 1,
    });
  });

  it("names why a row is skipped instead of throwing", () => {
    const csv = new CsvRows("submit,duration,cpu,memory,gpu,gpuMilli,ports,end");
    expect(csv.parse("x,1,1,1,,,,")).toEqual({ skip: "bad submit time" });
    expect(csv.parse(",1,1,1,,,,")).toEqual({ skip: "missing submit time" });
    expect(csv.parse("1,-1,1,1,,,,")).toEqual({ skip: "bad duration" });
    expect(csv.parse("5,,1,1,,,,4")).toEqual({ skip: "end before submit" });
    expect(csv.parse("1,1,abc,1,,,,")).toEqual({ skip: "bad cpu" });
    expect(csv.parse("1,1,1,1,1,500,,")).toEqual({ skip: "bad gpuMilli" });
    expect(csv.parse("1,1,1,1,,,99999,")).toEqual({ skip: "bad ports" });
    expect(parseNdjson("{nope")).toEqual({ skip: "not JSON" });
    expect(parseNdjson("[1]")).toEqual({ skip: "not a JSON object" });
  });

  it("reads NDJSON rows, a row without duration runs past the trace", () => {
    const r = parseNdjson(
      '{"submit":3,"cpu":100,"memory":64,"gpuMilli":250,"distinctInstance":true,"group":"j1"}',
    );
    if ("skip" in r) throw new Error(r.skip);
    expect(r.duration).toBe(Number.POSITIVE_INFINITY);
    expect(r.gpuMilli).toBe(250);
    expect(r.distinctInstance).toBe(true);
    expect(r.group).toBe("j1");
  });

  it("tasks differing only in time or group share a shape key", () => {
    const csv = new CsvRows("submit,duration,cpu,memory,group");
    const a = csv.parse("1,5,100,200,g1");
    const b = csv.parse("9,7,100,200,g2");
    const c = csv.parse("9,7,101,200,g2");
    if ("skip" in a || "skip" in b || "skip" in c) throw new Error("row skipped");
    expect(shapeKey(a)).toBe(shapeKey(b));
    expect(shapeKey(a)).not.toBe(shapeKey(c));
  });

  it("guesses the format from the file name", () => {
    expect(formatOf("x.ndjson.gz")).toBe("ndjson");
    expect(formatOf("x.jsonl")).toBe("ndjson");
    expect(formatOf("x.csv.gz")).toBe("csv");
  });
});
