// Suppression lists: create one, add values, upload a CSV with a progress bar and a result
// summary, search inside it; and check it from a flow's suppression page.
import { expect, test, type Page } from "@playwright/test";
import { shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

test("create a list, add values, upload a CSV and search it", async ({ page }) => {
  await signIn(page);
  const name = `DNC ${Date.now().toString(36)}`;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lists" }).click();
  await page.getByRole("button", { name: "New list" }).click();
  const dialog = page.getByRole("dialog");
  // The shared schema catches a missing name before the request.
  await dialog.getByRole("button", { name: "Create list" }).click();
  await expect(dialog.getByText(/name is required/i)).toBeVisible();
  await dialog.getByLabel("List name").fill(name);
  await dialog.getByLabel("Kind").selectOption("dnc");
  await dialog.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByLabel("Values", { exact: true }).fill("(512) 555-0101\n1-512-555-0102");
  await page.getByLabel("Normalize as").selectOption("phone");
  await page.getByRole("button", { name: "Add 2 values" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 2" })).toBeVisible();

  const csv = ["phone,name", ...Array.from({ length: 200 }, (_, i) => `512555${String(1000 + i)},Person ${i}`), "n/a,Broken"].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "dnc.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Column").fill("phone");
  await page.getByLabel("First row").selectOption("true");
  await page.getByLabel("Normalize values").selectOption("phone");
  await page.getByRole("button", { name: "Upload" }).click();
  const summary = page.getByText("Import complete").locator("..");
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary).toContainText("Rows read");
  await expect(summary).toContainText("200");
  await shot(page, "list-upload.png");

  // Search: by prefix and by exact value.
  const search = page.getByLabel("Search values");
  await search.fill("5125550");
  await expect(page.getByRole("cell", { name: "5125550101", exact: true })).toBeVisible();
  await page.getByLabel("Match").selectOption("exact");
  await search.fill("5125551005");
  await expect(page.getByRole("status").filter({ hasText: "In the list" })).toBeVisible();
  await search.fill("9999999999");
  await expect(page.getByRole("status").filter({ hasText: "Not in the list" })).toBeVisible();

  await page.getByRole("link", { name: "← Suppression lists" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("202");
  await shot(page, "lists.png");
});

test("a flow checks leads against a list from its suppression page", async ({ page, baseURL }) => {
  await signIn(page);
  const tag = Date.now().toString(36);
  const origin = new URL(baseURL!).origin;
  const list = await (await page.request.post("/api/suppression-lists", { data: { name: `Customers ${tag}`, kind: "customer" }, headers: { Origin: origin } })).json();
  const flow = await (await page.request.post("/api/flows", { data: { name: `Suppress ${tag}`, fields: ["email", "phone_1"] }, headers: { Origin: origin } })).json();
  await page.goto(`/flows/${flow.id}/suppression`);
  await page.getByRole("button", { name: "Turn on duplicate check" }).click();
  await page.getByLabel("Look back").fill("14");
  await page.getByRole("button", { name: "+ Add list check" }).click();
  const check = page.getByRole("group", { name: "List check 1" });
  await check.getByLabel("List check 1 kind").selectOption("customer");
  await check.getByRole("checkbox", { name: new RegExp(`Customers ${tag}`) }).check();
  // A customer check looks up emails and phones by default; keep only the email.
  const looked = check.getByRole("group", { name: "Fields looked up" });
  await expect(looked.getByRole("checkbox", { name: "Email" })).toBeChecked();
  await looked.getByRole("checkbox", { name: "Phone 1" }).uncheck();
  await check.getByLabel("Reason").fill("Existing customer");
  // Open the list without leaving the flow and add a value to it.
  await page.getByRole("button", { name: `Customers ${tag}` }).click();
  const dialog = page.getByRole("dialog", { name: `List: Customers ${tag}` });
  await dialog.getByLabel("Values", { exact: true }).fill(`sue.${tag}@example.com`);
  await dialog.getByRole("button", { name: "Add 1 value" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await shot(page, "flow-suppression.png");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(saved.suppression.duplicate.lookback).toEqual({ value: 14, interval: "day" });
  expect(saved.suppression.lists[0]).toMatchObject({ kind: "customer", list_ids: [list.id], fields: ["email"], reason: "Existing customer" });
});
