// The whole journey a marketer and a support person make, in a real browser against a real
// server: build a flow from scratch without writing JSON, deploy it, submit leads to it over
// HTTP, find them, read their timelines and see them in the reports.
import { expect, test, type Page } from "@playwright/test";
import { shot, signIn } from "./session";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Drags a dnd-kit handle onto a target with small pointer moves (the sensor needs real moves). */
async function drag(page: Page, handle: ReturnType<Page["locator"]>, target: ReturnType<Page["locator"]>, dx = 0) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + from.width / 2 + (dx * i) / steps, from.y + from.height / 2 + ((to.y + 4 - from.y - from.height / 2) * i) / steps);
    await page.waitForTimeout(20);
  }
  await page.mouse.up();
}

test.use({ actionTimeout: 15_000 });

// A buyer's endpoint: records what it receives and accepts everything.
const received: { method: string; url: string; body: string }[] = [];
let stub: http.Server;
let stubUrl = "";

test.beforeAll(async () => {
  stub = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", body });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ status: "success", id: `B${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/leads`;
});

test.afterAll(async () => {
  await new Promise((resolve) => stub.close(resolve));
});

test("build a flow in the browser, send it leads, trace them and report on them", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  const flowName = `E2E Solar ${tag}`;
  const vendor = `Vendor ${tag}`;
  const buyer = `Buyer ${tag}`;
  await signIn(page);

  await test.step("create the flow", async () => {
    await page.getByRole("button", { name: "New flow" }).click();
    await page.getByRole("dialog").getByLabel("Flow name").fill(flowName);
    await page.getByRole("button", { name: "Create flow" }).click();
    await expect(page).toHaveURL(/\/flows\/[0-9a-f]{24}\/fields$/);
  });
  const flowId = page.url().match(/flows\/([0-9a-f]{24})/)![1];

  await test.step("fields", async () => {
    for (const f of ["First Name", "Email", "Phone 1", "State"]) await page.getByRole("button", { name: `Add field ${f}`, exact: true }).click();
    const list = page.getByRole("list", { name: "Flow fields" });
    await expect(list.getByRole("listitem")).toHaveCount(4);
    await shot(page, "flow-fields.png");
  });

  await test.step("a source", async () => {
    await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Sources" }).click();
    await page.getByRole("button", { name: "Add a source" }).click();
    await page.getByRole("dialog").getByLabel("New source name").fill(vendor);
    await page.getByRole("dialog").getByRole("button", { name: "Add source" }).click();
    await expect(page.getByRole("region", { name: vendor })).toBeVisible();
    await expect(page.getByLabel("Submission URL", { exact: true })).toContainText(`/flows/${flowId}/sources/`);
    // Field mapping: the vendor sends "fname" for the first name.
    const mapping = page.getByRole("group", { name: `Field mapping of ${vendor}` });
    await mapping.getByRole("button", { name: "+ Add mapping" }).click();
    await mapping.getByLabel("Mapping 1 property").fill("first_name");
    await mapping.getByLabel("Mapping 1 value").fill("{{fname}}");
    // An API key is shown exactly once; rotating makes a second one.
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByLabel("New API key")).toHaveText(/^lfs_/);
    await shot(page, "flow-sources.png");
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByLabel("New API key")).toHaveCount(0);
    await page.getByRole("button", { name: "Rotate: create a new key" }).click();
    await expect(page.getByLabel("New API key")).toHaveText(/^lfs_/);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("list", { name: "API keys" }).getByRole("listitem")).toHaveCount(2);
  });

  await test.step("nested acceptance criteria with the rule builder", async () => {
    await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Acceptance" }).click();
    const builder = page.getByRole("group", { name: "Acceptance criteria", exact: true });
    await builder.getByRole("button", { name: "+ Add rule", exact: true }).click();
    await builder.getByLabel("Rule 1 field").selectOption({ label: "State" });
    await builder.getByLabel("Rule 1 operator").selectOption("is included in");
    const values = builder.getByRole("textbox", { name: "Rule 1 value", exact: true });
    await values.fill("TX");
    await values.press("Enter");
    await values.fill("CA");
    await values.press("Enter");
    // A nested OR group: email or phone must be present.
    await builder.getByRole("button", { name: "+ Add group", exact: true }).click();
    const group = builder.getByRole("group", { name: "Group 2", exact: true });
    await group.getByLabel("Group 2 match").selectOption("or");
    await group.getByLabel("Rule 2.1 field").selectOption({ label: "Email" });
    await group.getByLabel("Rule 2.1 operator").selectOption("is not blank");
    await group.getByRole("button", { name: "+ Add rule to group 2" }).click();
    await group.getByLabel("Rule 2.2 field").selectOption({ label: "Phone 1" });
    await group.getByLabel("Rule 2.2 operator").selectOption("is not blank");
    await expect(page.getByLabel("Acceptance criteria in plain words")).toHaveText(/State is one of TX, CA AND \(Email is not blank OR Phone 1 is not blank\)/);
    await shot(page, "flow-acceptance.png");
  });

  await test.step("ordered flow prices: the last match wins", async () => {
    await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Pricing" }).click();
    const prices = page.getByRole("group", { name: "Flow prices", exact: true });
    await prices.getByRole("button", { name: "+ Add price" }).click();
    await prices.getByLabel("Price 1 amount").fill("12");
    const cond = prices.getByRole("group", { name: "Price 1 condition" });
    await cond.getByRole("button", { name: "+ Add rule", exact: true }).click();
    await cond.getByLabel("Rule 1 field").selectOption({ label: "State" });
    await cond.getByLabel("Rule 1 value").fill("TX");
    await prices.getByRole("button", { name: "+ Add price" }).click();
    await prices.getByLabel("Price 2 amount").fill("8");
    await expect(page.getByText("The last matching price wins.")).toBeVisible();
    // A rule-less price last would always win: move it first so the TX price can apply.
    await prices.getByRole("button", { name: "Move Price 2 ($8) up" }).click();
    await expect(prices.getByLabel("Price 1 amount")).toHaveValue("8");
    await expect(prices.getByLabel("Price 2 amount")).toHaveValue("12");
    await shot(page, "flow-pricing.png");
  });

  await test.step("a cap tree with a child cap", async () => {
    await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Volume caps" }).click();
    const caps = page.getByRole("group", { name: "Flow caps", exact: true });
    await caps.getByRole("button", { name: "+ Add cap" }).click();
    const parent = caps.getByRole("group", { name: /^Cap .*Cap 1$/ });
    await parent.getByLabel("Cap name").fill("Daily");
    await caps.getByLabel("Daily maximum leads").fill("100");
    await caps.getByRole("button", { name: "Add child cap to Daily" }).click();
    const child = caps.getByRole("listitem").nth(1);
    await child.getByLabel("Cap name").fill("TX share");
    await expect(caps.getByLabel("TX share percentage of parent")).toHaveValue("50");
    await expect(child.getByText("% of parent (50)")).toBeVisible();
    await shot(page, "flow-caps.png");
  });

  await test.step("steps: a recipient and a filter, reordered by dragging", async () => {
    await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Steps" }).click();
    await page.getByRole("button", { name: "+ Add recipient" }).click();
    const recipient = page.getByRole("article", { name: /^Step 1:/ });
    await recipient.getByRole("button", { name: "New…" }).click();
    await page.getByRole("dialog").getByLabel("New recipient name").fill(buyer);
    await page.getByRole("dialog").getByRole("button", { name: "Add recipient" }).click();
    await expect(recipient.getByLabel("Recipient", { exact: true })).toHaveValue(/[0-9a-f]{24}/);
    await recipient.getByLabel("Description", { exact: true }).fill("Deliver to buyer");
    await recipient.getByLabel("URL", { exact: true }).fill(stubUrl);
    const mapping = recipient.getByRole("group", { name: "Request mapping of Deliver to buyer", exact: true });
    await mapping.getByRole("button", { name: "+ Add mapping" }).click();
    await mapping.getByLabel("Mapping 1 property").fill("json_property.email");
    await mapping.getByLabel("Mapping 1 value").fill("{{lead.email}}");
    await mapping.getByRole("button", { name: "+ Add mapping" }).click();
    await mapping.getByLabel("Mapping 2 property").fill("json_property.state");
    await mapping.getByLabel("Mapping 2 value").fill("{{lead.state}}");
    await recipient.getByLabel("Search term").fill("success");
    await recipient.getByLabel("Search in").fill("status");
    await recipient.getByRole("button", { name: /^Collapse step 1/ }).click();

    await page.getByRole("button", { name: "+ Add filter" }).click();
    const filter = page.getByRole("article", { name: /^Step 2:/ });
    await filter.getByLabel("Description").fill("Stop CA");
    const rules = filter.getByRole("group", { name: "Stop rules of Stop CA" });
    await rules.getByRole("button", { name: "+ Add rule", exact: true }).click();
    await rules.getByLabel("Rule 1 field").selectOption({ label: "State" });
    await rules.getByLabel("Rule 1 value").fill("CA");
    await filter.getByLabel("Reason when stopped").fill("We do not serve CA");
    await filter.getByRole("button", { name: /^Collapse step 2/ }).click();

    // Drag the filter above the recipient: the filter must run first.
    await drag(page, page.getByRole("button", { name: "Drag step 2 (Stop CA)" }), page.getByRole("article", { name: /^Step 1:/ }));
    await expect(page.getByRole("article", { name: "Step 1: Stop CA" })).toBeVisible();
    await expect(page.getByRole("article", { name: "Step 2: Deliver to buyer" })).toBeVisible();
    await shot(page, "flow-steps.png");
  });

  await test.step("save and deploy", async () => {
    await page.getByRole("button", { name: "Save & deploy" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Saved version \d+ and deployed it/ })).toBeVisible();
    await expect(page.getByText("Live: version")).toBeVisible();
    await page.getByRole("link", { name: "← All flows" }).click();
    await expect(page.getByRole("row", { name: new RegExp(flowName) })).toContainText(/deployed (just now|\d+ \w+ ago) \(version \d+\)/);
    await shot(page, "flows.png");
    await page.getByRole("link", { name: flowName }).click();
    await shot(page, "flow-overview.png");
  });

  // The source entity id is in the submission URL of the saved flow.
  const saved = await (await page.request.get(`/api/flows/${flowId}`)).json();
  const sourceId: string = saved.sources[0].entity.id;
  expect(saved.steps.map((s: { type: string }) => s.type)).toEqual(["filter", "recipient"]);
  expect(saved.caps[0].caps).toHaveLength(1);
  expect(saved.acceptance_criteria.rule_set.rules[1].op).toBe("or");

  const submit = async (lead: Record<string, string>) => {
    const res = await fetch(new URL(`/flows/${flowId}/sources/${sourceId}/submit`, baseURL).toString(), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(lead),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { outcome: string; reason?: string; price: number; lead: { id: string } };
  };

  const tx = await test.step("submit leads over HTTP", async () => {
    const tx = await submit({ fname: "Ann", email: `ann.${tag}@example.com`, phone_1: "5127891111", state: "TX" });
    expect(tx).toMatchObject({ outcome: "success", price: 12 });
    const ca = await submit({ fname: "Carl", email: `carl.${tag}@example.com`, state: "CA" });
    expect(ca).toMatchObject({ outcome: "failure", reason: "We do not serve CA" });
    const ok = await submit({ fname: "Olga", email: `olga.${tag}@example.com`, state: "OK" });
    expect(ok.outcome).toBe("failure");
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toMatchObject({ email: `ann.${tag}@example.com`, state: "TX" });
    return tx;
  });

  await test.step("the cap shows its fill", async () => {
    await page.goto(`/flows/${flowId}/caps`);
    const caps = page.getByRole("group", { name: "Flow caps", exact: true });
    await expect(caps.getByRole("group", { name: "Cap Daily" })).toContainText("1/100");
    await expect(caps.getByRole("group", { name: "Cap TX share" })).toContainText("1/50");
  });

  await test.step("find the leads and read the timeline", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leads" }).click();
    const filters = page.getByRole("search", { name: "Lead filters" });
    await filters.getByLabel("Flow").selectOption({ label: flowName });
    await filters.getByRole("button", { name: "Search" }).click();
    const table = page.getByRole("table", { name: "Leads" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("row", { name: /Olga/ })).toContainText("State must be included in TX, CA");
    await shot(page, "leads.png");

    await table.getByRole("link", { name: "Ann" }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/${tx.lead.id}$`));
    const timeline = page.getByRole("list", { name: "Lead events" });
    await expect(timeline.getByRole("button", { name: /Filter: Stop CA, continue/ })).toBeVisible();
    await expect(timeline.getByRole("button", { name: /Recipient: Deliver to buyer, success/ })).toBeVisible();
    await expect(timeline.getByRole("button", { name: /Source.*, success/ })).toBeVisible();
    await timeline.getByRole("button", { name: /Recipient: Deliver to buyer/ }).click();
    await expect(page.getByRole("region", { name: "Exchange 1 request" })).toContainText(stubUrl);
    await expect(page.getByRole("region", { name: "Exchange 1 response" })).toContainText("HTTP 200");
    await page.getByRole("tab", { name: "Data the step saw" }).click();
    await expect(page.getByLabel("Variables")).toContainText(`ann.${tag}@example.com`);
    await shot(page, "lead-timeline.png");
  });

  await test.step("reports show them", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("search", { name: "Report filters" }).getByLabel("Flow").selectOption({ label: flowName });
    const totals = page.getByRole("definition").filter({ hasText: /^\d+$/ });
    await expect(page.getByLabel("Totals")).toContainText("Leads received3");
    await expect(page.getByLabel("Totals")).toContainText("Accepted1");
    await expect(totals.first()).toBeVisible();
    await expect(page.getByRole("figure", { name: "Top rejection reasons" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Volume by outcome" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Cap fill" })).toBeVisible();
    await shot(page, "reports.png");
  });
});
