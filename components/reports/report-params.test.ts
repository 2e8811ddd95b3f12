import { describe, expect, it } from "vitest";
import { describeSavedParams, differsFromSaved, passthroughQuery, savedParamsFromUrl, urlFromSaved } from "./report-params";

describe("saved report parameters", () => {
  it("saves the page's filters without dates; a relative range is kept, custom dates are not", () => {
    const url = new URLSearchParams("range=30d&interval=week&flow_id=f1&group_by=source&group_by=flow&column=cost&saved=x&start=2024-01-01");
    expect(savedParamsFromUrl(url)).toEqual({ range: "30d", interval: "week", flow_id: "f1", group_by: ["source", "flow"], column: ["cost"] });
    expect(savedParamsFromUrl(new URLSearchParams("range=custom&start=2024-01-01&end=2024-01-31&interval=day"))).toEqual({ interval: "day" });
  });

  it("opens a saved report: its parameters in the URL, the default range when it has none", () => {
    const url = urlFromSaved({ id: "a01", params: { group_by: ["source"], column: ["cost", "revenue"], flow_id: "f1", start: "2024-01-01" } });
    expect(url.getAll("group_by")).toEqual(["source"]);
    expect(url.getAll("column")).toEqual(["cost", "revenue"]);
    expect(url.get("flow_id")).toBe("f1");
    expect(url.get("range")).toBe("7d");
    expect(url.get("saved")).toBe("a01");
    expect(url.has("start")).toBe(false);
  });

  it("round-trips: what is saved from a URL opens as the same report", () => {
    const url = new URLSearchParams("range=today&interval=hour&group_by=reason&source_id=s1&source_id=s2");
    const report = { id: "r1", params: savedParamsFromUrl(url) };
    expect(differsFromSaved(urlFromSaved(report), report)).toBe(false);
    const changed = urlFromSaved(report);
    changed.set("interval", "day");
    expect(differsFromSaved(changed, report)).toBe(true);
  });

  it("a standard report without a range equals the page at the default range", () => {
    const report = { params: { group_by: ["flow"] } };
    expect(differsFromSaved(new URLSearchParams("group_by=flow&saved=a"), report)).toBe(false);
    expect(differsFromSaved(new URLSearchParams("group_by=flow&range=30d"), report)).toBe(true);
  });

  it("passes the filters the page does not edit on to every report", () => {
    expect(passthroughQuery(new URLSearchParams("source_id=s1&rules=%5B%5D&range=7d"))).toEqual({ source_id: ["s1"], rules: "[]" });
  });
});

describe("describeSavedParams", () => {
  it("says in one line what a saved report shows", () => {
    expect(describeSavedParams("stats", { group_by: ["source", "flow"], range: "30d", flow_id: "f1" })).toBe("By source, then flow · Last 30 days · 1 flow");
    expect(describeSavedParams("stats", { group_by: ["recipient"], column: ["revenue"] })).toBe("By recipient · Last 7 days (default)");
    expect(describeSavedParams("rejection-reasons", { range: "today", source_id: ["a", "b"], by_lead: "false" })).toBe("Rejection reasons · Today · 1 more filter");
  });
});
