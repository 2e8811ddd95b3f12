// Saved reports: what is on the reports page (range, grouping, flow) saved under a name, listed,
// opened again with the same filters in the URL, changed, renamed and deleted.
import { expect, test } from "@playwright/test";
import { makeEntity, makeFlow, submitLead } from "./seed";
import { shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

test("save the current report, open it again, save changes, rename and delete it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const tag = Date.now().toString(36);
  const vendor = await makeEntity(page.request, `Saved vendor ${tag}`, "source");
  const flow = await makeFlow(page.request, {
    name: `Saved ${tag}`,
    fields: ["email", "state"],
    acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] } },
    pricing: { prices: [{ amount: 12 }] },
    sources: [{ entity: vendor }],
  });
  expect((await submitLead(flow.id, vendor.id, { email: `s1.${tag}@example.com`, state: "TX" })).outcome).toBe("success");
  expect((await submitLead(flow.id, vendor.id, { email: `s2.${tag}@example.com`, state: "CA" })).outcome).toBe("failure");

  await page.goto(`/reports?range=30d&flow_id=${flow.id}`);
  const filters = page.getByRole("search", { name: "Report filters" });
  await filters.getByLabel("Group by").selectOption({ label: "Source" });
  const breakdown = page.getByRole("table", { name: "By source" });
  await expect(breakdown.getByRole("row", { name: new RegExp(`Saved vendor ${tag}`) })).toContainText("50.0%");
  await expect(breakdown.getByRole("row", { name: new RegExp(`Saved vendor ${tag}`) })).toContainText("$12");

  const name = `Vendors this month ${tag}`;
  await page.getByRole("button", { name: "Save report…" }).click();
  const save = page.getByRole("dialog", { name: "Save this report" });
  await save.getByRole("button", { name: "Save report" }).click();
  await expect(save.getByText("name is required")).toBeVisible();
  await save.getByLabel("Report name").fill(name);
  await save.getByLabel("Description (optional)").fill("Acceptance per vendor");
  await save.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByRole("region", { name: "Open saved report" })).toContainText(name);
  await expect(page).toHaveURL(/saved=[0-9a-f]{24}/);
  const id = new URL(page.url()).searchParams.get("saved")!;
  const stored = await (await page.request.get(`/api/saved-reports/${id}`)).json();
  expect(stored).toMatchObject({ name, endpoint: "stats", params: { range: "30d", flow_id: flow.id, group_by: ["source"] } });
  expect(stored.params.start).toBeUndefined();

  // Later, from a clean page: the list opens it with its filters back in the URL.
  await page.goto("/reports");
  await page.getByRole("button", { name: /^Saved reports/ }).click();
  const list = page.getByRole("dialog", { name: "Saved reports" });
  await expect(list.getByRole("row", { name: "Stats by Source", exact: true })).toBeVisible();
  await shot(page, "saved-reports-list.png");
  await list.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`range=30d`));
  await expect(filters.getByLabel("Time range")).toHaveValue("30d");
  await expect(filters.getByLabel("Flow")).toHaveValue(flow.id);
  await expect(filters.getByLabel("Group by")).toHaveValue("source");
  await expect(breakdown.getByRole("row", { name: new RegExp(`Saved vendor ${tag}`) })).toContainText("50.0%");
  const bar = page.getByRole("region", { name: "Open saved report" });
  await expect(bar).toContainText("Acceptance per vendor");
  await expect(bar).not.toContainText("changed since it was saved");

  // Change it and save the change.
  await filters.getByLabel("then by").selectOption({ label: "Outcome" });
  await expect(bar).toContainText("changed since it was saved");
  await bar.getByRole("button", { name: "Save changes" }).click();
  await expect(bar).not.toContainText("changed since it was saved");
  expect((await (await page.request.get(`/api/saved-reports/${id}`)).json()).params.group_by).toEqual(["source", "outcome"]);
  await shot(page, "saved-report-open.png");

  await bar.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: `Rename ${name}` });
  await rename.getByLabel("New name").fill(`${name} (renamed)`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(bar).toContainText(`${name} (renamed)`);

  await bar.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: `Delete ${name} (renamed)?` }).getByRole("button", { name: "Delete report" }).click();
  await expect(bar).toHaveCount(0);
  expect((await page.request.get(`/api/saved-reports/${id}`)).status()).toBe(404);
  await page.getByRole("button", { name: /^Saved reports/ }).click();
  await expect(list.getByRole("link", { name: new RegExp(tag) })).toHaveCount(0);
});
