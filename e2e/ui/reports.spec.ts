// Reports: totals and charts for a time range and a flow, computed from real leads.
import { expect, test } from "@playwright/test";
import { makeEntity, makeFlow, submitLead } from "./seed";
import { shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

test("totals, volume, acceptance by source, reasons, prices and cap fill for one flow", async ({ page }) => {
  await signIn(page);
  const tag = Date.now().toString(36);
  const a = await makeEntity(page.request, `Report A ${tag}`, "source");
  const b = await makeEntity(page.request, `Report B ${tag}`, "source");
  const doc = {
    name: `Reports ${tag}`,
    fields: ["email", "state"],
    acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] }, reason: "Texas only" },
    pricing: { prices: [{ amount: 10 }, { amount: 15, rule_set: { op: "and", rules: [{ lhv: "source.id", op: "is equal to", rhv: b.id }] } }] },
    caps: [{ type: "volume", name: `Daily ${tag}`, maximum: 2, duration: 1, duration_units: "day", reason: "Daily cap reached" }],
    sources: [{ entity: { id: a.id, name: a.name } }, { entity: { id: b.id, name: b.name } }],
  };
  const flow = await makeFlow(page.request, doc);
  const submit = async (source: string, state: string, n: number) => (await submitLead(flow.id, source, { email: `r${n}.${tag}@example.com`, state })).outcome;
  expect(await submit(a.id, "TX", 1)).toBe("success");
  expect(await submit(b.id, "TX", 2)).toBe("success");
  expect(await submit(b.id, "TX", 3)).toBe("failure"); // the cap is full
  expect(await submit(a.id, "CA", 4)).toBe("failure");

  await page.goto(`/reports?range=today&flow_id=${flow.id}`);
  const totals = page.getByLabel("Totals");
  await expect(totals).toContainText("Leads received4");
  await expect(totals).toContainText("Accepted2");
  await expect(totals).toContainText("Rejected2");
  await expect(totals).toContainText("Cost$25");

  const reasons = page.getByRole("figure", { name: "Top rejection reasons" });
  await reasons.getByText("Show the numbers").click();
  await expect(reasons.getByRole("row", { name: /Daily cap reached/ })).toContainText("1");
  await expect(reasons.getByRole("row", { name: /Texas only/ })).toContainText("1");

  const bySource = page.getByRole("figure", { name: "Acceptance rate by source" });
  await bySource.getByText("Show the numbers").click();
  await expect(bySource.getByRole("row", { name: new RegExp(`Report A ${tag}`) })).toContainText("50.0%");
  await expect(bySource.getByRole("row", { name: new RegExp(`Report B ${tag}`) })).toContainText("50.0%");

  const prices = page.getByRole("figure", { name: "Price distribution" });
  await prices.getByText("Show the numbers").click();
  await expect(prices.getByRole("row", { name: /\$15/ })).toContainText("1");

  const caps = page.getByRole("figure", { name: "Cap fill" });
  await caps.getByText("Show the numbers").click();
  await expect(caps.getByRole("row", { name: new RegExp(`Daily ${tag}`) }).first()).toContainText("100.0%");

  await expect(page.getByRole("figure", { name: "Volume by outcome" }).locator("svg").first()).toBeVisible();
  await shot(page, "reports-flow.png");

  // Another range with no leads of this flow shows empty charts, not errors.
  await page.getByRole("search", { name: "Report filters" }).getByLabel("Time range").selectOption("yesterday");
  await expect(totals).toContainText("Leads received0");
});
