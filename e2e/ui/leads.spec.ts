// Support traces leads: search and filter, open a lead, read every event with what it saw, sent
// and received, and replay it against the flow without side effects.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { jsonRecipient, makeEntity, makeFlow, submitLead } from "./seed";
import { shot, signIn } from "./session";
import http from "node:http";
import type { AddressInfo } from "node:net";

test.use({ actionTimeout: 15_000 });

// A buyer that refuses leads from Oklahoma with a reason and accepts the rest.
let stub: http.Server;
let stubUrl = "";
test.beforeAll(async () => {
  stub = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const lead = JSON.parse(body || "{}");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(lead.state === "OK" ? { status: "rejected", error: "Not buying OK" } : { status: "accepted" }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/in`;
});
test.afterAll(async () => new Promise((resolve) => stub.close(resolve)));

async function seed(request: APIRequestContext, tag: string) {
  const source = await makeEntity(request, `Trace vendor ${tag}`, "source");
  const buyer = await makeEntity(request, `Trace buyer ${tag}`, "recipient");
  const doc = {
    name: `Trace ${tag}`,
    fields: ["first_name", "email", "state"],
    acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "lead.email", op: "is not blank" }] }, outcome: "failure" },
    pricing: { override: false, prices: [{ amount: 7, rule_set: null }] },
    sources: [{ entity: { id: source.id, name: source.name } }],
    steps: [
      {
        ...jsonRecipient(
          buyer,
          stubUrl,
          { "json_property.email": "{{lead.email}}", "json_property.state": "{{lead.state}}", outcome_search_term: "accepted", outcome_search_path: "status", reason_path: "error" },
          { retry_enabled: false },
        ),
        description: "Trace buyer",
      },
    ],
  };
  const flow = await makeFlow(request, doc);
  return { flowId: flow.id as string, sourceId: source.id as string, flowName: doc.name };
}

test("search leads, open one, read its timeline and replay it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const tag = Date.now().toString(36);
  const { flowId, sourceId, flowName } = await seed(page.request, tag);
  const submit = (lead: Record<string, string>) => submitLead(flowId, sourceId, lead, "form");
  await submit({ first_name: "Tina", email: `tina.${tag}@example.com`, state: "TX" });
  const okLead = await submit({ first_name: "Oscar", email: `oscar.${tag}@example.com`, state: "OK" });
  await submit({ first_name: "Nobody", state: "TX" });

  await page.goto(`/leads?flow_id=${flowId}`);
  const table = page.getByRole("table", { name: "Leads" });
  await expect(table.getByRole("row")).toHaveCount(4);
  // Filters: outcome, and any field.
  const filters = page.getByRole("search", { name: "Lead filters" });
  await filters.getByRole("checkbox", { name: "failure" }).check();
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Email must not be blank");
  await filters.getByRole("checkbox", { name: "failure" }).uncheck();
  await filters.getByLabel("Field", { exact: true }).selectOption({ label: "State" });
  await filters.getByLabel("Field value").fill("ok");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page).toHaveURL(/field\.state=ok/);
  // Text search.
  await filters.getByRole("button", { name: "Clear" }).click();
  await filters.getByLabel("Search", { exact: true }).fill(`tina.${tag}`);
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Tina");
  await shot(page, "leads-search.png");

  // The buyer refused Oscar: the lead is still a success, the recipient event says why.
  await page.goto(`/leads/${okLead.lead.id}`);
  const timeline = page.getByRole("list", { name: "Lead events" });
  const recipient = timeline.getByRole("button", { name: /Recipient: Trace buyer, failure/ });
  await expect(recipient).toBeVisible();
  await expect(timeline).toContainText("Not buying OK");
  await expect(timeline.getByRole("button", { name: new RegExp(`Source: Trace vendor ${tag}, success`) })).toBeVisible();
  await recipient.click();
  await expect(page.getByRole("region", { name: "Exchange 1 request" })).toContainText('"state": "OK"');
  await expect(page.getByRole("region", { name: "Exchange 1 response" })).toContainText("Not buying OK");
  await page.getByRole("tab", { name: "Details" }).click();
  await expect(page.getByLabel("Event details", { exact: true }).last()).toBeVisible();
  await page.getByRole("tab", { name: "Data the step saw" }).click();
  await expect(page.getByLabel("Variables")).toContainText(`oscar.${tag}@example.com`);
  await expect(page.getByRole("table", { name: "Lead fields" })).toContainText("OK");
  await shot(page, "lead-detail.png");

  // Replay it against the flow: nothing is stored, the buyer is not called.
  await page.getByRole("link", { name: "Replay against the flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flowId}/test\\?lead=${okLead.lead.id}`));
  await expect(page.getByLabel("Lead ID")).toHaveValue(okLead.lead.id);
  await page.getByRole("button", { name: "Run test" }).click();
  const result = page.getByLabel("Test result");
  await expect(result).toContainText("success");
  await expect(result).toContainText("$7");
  const events = page.getByRole("list", { name: "Test events" });
  await expect(events.getByRole("button", { name: /Recipient: Trace buyer, skip/ })).toBeVisible();
  await shot(page, "flow-test.png");
  const after = await (await page.request.get(`/api/leads?flow_id=${flowId}&include_total=true`)).json();
  expect(after.total ?? after.data.length).toBe(3);
  expect(flowName).toContain(tag);
});
