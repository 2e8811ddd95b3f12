// Support acts on a failed delivery from the lead's timeline: after the retries are exhausted, a
// person resends it once the buyer is back (same Idempotency-Key), and the timeline shows the result.
import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { jsonRecipient, makeEntity, makeFlow, submitLead } from "./seed";
import { shot, signIn } from "./session";

let buyerUp = false;
let stub: http.Server;
let stubUrl = "";
const keys: string[] = [];
test.beforeAll(async () => {
  stub = http.createServer((req, res) => {
    keys.push(String(req.headers["idempotency-key"]));
    req.resume();
    req.on("end", () => {
      res.writeHead(buyerUp ? 200 : 503, { "Content-Type": "application/json" });
      res.end(buyerUp ? '{"status":"accepted"}' : '{"status":"down"}');
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/in`;
});
test.afterAll(async () => new Promise((resolve) => stub.close(resolve)));

test("an exhausted delivery is resent from the timeline", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const tag = Date.now().toString(36);
  const source = await makeEntity(page.request, `Retry vendor ${tag}`, "source");
  const buyer = await makeEntity(page.request, `Retry buyer ${tag}`, "recipient");
  const flow = await makeFlow(page.request, {
    name: `Retries ${tag}`,
    fields: ["email"],
    sources: [{ entity: source }],
    steps: [{ ...jsonRecipient(buyer, stubUrl, { "json_property.email": "{{lead.email}}" }, { retry_enabled: true }), description: "Flaky buyer" }],
  });
  const leadId = (await submitLead(flow.id, source.id, { email: `retry.${tag}@example.com` })).lead.id;

  // The test server retries after 1 s and 2 s and gives up after 3 attempts.
  await expect
    .poll(async () => (await (await page.request.get(`/api/leads/${leadId}`)).json()).events.find((e: { type: string }) => e.type === "recipient")?.delivery?.status, { timeout: 30_000 })
    .toBe("exhausted");

  await page.goto(`/leads/${leadId}`);
  await page.getByRole("button", { name: /Show details of event 1: .*Flaky buyer/ }).click();
  await expect(page.getByText("Delivery exhausted")).toBeVisible();
  buyerUp = true;
  await page.getByRole("button", { name: "Resend now" }).click();
  await expect(page.getByText("Resent: delivery is now delivered")).toBeVisible();
  await shot(page, "delivery-resent.png");
  expect(new Set(keys).size).toBe(1);
  expect(keys).toHaveLength(4);
});
