// Import feedback: a CSV of recipient event ids with reasons is uploaded from the Leads page, the
// job is followed to its end, refused rows are listed with their reasons, and the recorded return
// appears in the lead's timeline as a feedback event; support records a conversion from there.
import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { jsonRecipient, makeEntity, makeFlow, submitLead } from "./seed";
import { email as adminEmail, shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

// A buyer that accepts every lead.
let stub: http.Server;
let stubUrl = "";
test.beforeAll(async () => {
  stub = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/in`;
});
test.afterAll(async () => new Promise((resolve) => stub.close(resolve)));

test("import returns from a CSV, see refused rows and the return in the lead's timeline", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  // The feedback backend (06 §5.6) is built beside this UI; until it is merged this API answers
  // the catch-all "No API route" 404, and there is nothing to import into.
  const probe = await (await page.request.get("/api/feedback/imports/000000000000000000000000")).json();
  test.fixme(/^No API route/.test(String(probe.message)), "POST /api/feedback/imports is not in this tree yet");

  const tag = Date.now().toString(36);
  const vendor = await makeEntity(page.request, `Imp vendor ${tag}`, "source");
  const buyer = await makeEntity(page.request, `Imp buyer ${tag}`, "recipient");
  const flow = await makeFlow(page.request, {
    name: `Import ${tag}`,
    fields: ["email"],
    sources: [{ entity: vendor }],
    steps: [
      jsonRecipient(buyer, stubUrl, { "json_property.email": "{{lead.email}}", "json_property.event_id": "{{event_id}}", outcome_search_term: "accepted" }, {
        retry_enabled: false,
        feedback: { return: { enabled: true, max_lead_age_days: 30 }, conversion: { enabled: true } },
      }),
    ],
  });
  const leadId = (await submitLead(flow.id, vendor.id, { email: `imp.${tag}@example.com` })).lead.id;
  const lead = await (await page.request.get(`/api/leads/${leadId}`)).json();
  const eventId = lead.events.find((e: { type: string }) => e.type === "recipient").id as string;

  const csv = ["event_id,reason", `${eventId},Wrong number`, "000000000000000000000000,No such lead", `${eventId},Asked twice`].join("\n");
  await page.goto("/leads");
  await page.getByRole("link", { name: "Import feedback" }).click();
  await expect(page.getByRole("heading", { name: "Import feedback" })).toBeVisible();
  const form = page.getByRole("form", { name: "Import feedback" });
  await form.getByLabel("CSV file").setInputFiles({ name: "returns.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The preview guessed the header row and both columns.
  await expect(form.getByLabel("The first row is a header")).toBeChecked();
  await expect(form.getByLabel("Event ID column").locator("option:checked")).toHaveText("Column 1 · event_id");
  await expect(form.getByLabel("Reason column").locator("option:checked")).toHaveText("Column 2 · reason");
  await expect(page.getByRole("table", { name: "File preview" })).toContainText("Wrong number");
  await form.getByRole("radio", { name: "Returns" }).check();
  await shot(page, "feedback-import-form.png");
  await form.getByRole("button", { name: "Import returns" }).click();

  await expect(page).toHaveURL(/job=[0-9a-f]{24}/);
  await expect(page.getByText("Import finished: 1 of 3 recorded")).toBeVisible({ timeout: 30_000 });
  const refused = page.getByRole("table", { name: "Refused rows" });
  await expect(refused.getByRole("row")).toHaveCount(3);
  await expect(refused.getByRole("row", { name: /^3 / })).toContainText("000000000000000000000000");
  await expect(refused.getByRole("row", { name: /^4 / })).toContainText("Duplicate feedback: return already received");
  await shot(page, "feedback-import-result.png");

  await page.goto(`/leads/${leadId}`);
  const timeline = page.getByRole("list", { name: "Lead events" });
  const row = timeline.getByRole("button", { name: new RegExp(`Return received from Imp buyer ${tag}, success`) });
  await expect(row).toBeVisible();
  await expect(row).toContainText("“Wrong number”");
  await expect(row).toContainText(`from a CSV import by ${adminEmail}`);
  await row.click();
  await page.getByRole("tab", { name: "Details" }).last().click();
  const facts = page.getByLabel("Feedback", { exact: true });
  await expect(facts).toContainText("return");
  await expect(facts).toContainText(`Imp buyer ${tag} (event 1)`);
  await shot(page, "feedback-timeline.png");

  // The buyer phones in a sale: support records it on the delivery.
  await timeline.getByRole("button", { name: new RegExp(`Recipient: Imp buyer ${tag}, success`) }).click();
  await timeline.getByRole("button", { name: "Record a conversion" }).click();
  const record = timeline.getByRole("form", { name: "Record a conversion" });
  await record.getByLabel("Reason for the conversion (optional)").fill("Signed the contract");
  await record.getByRole("button", { name: "Record conversion" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Conversion recorded" })).toBeVisible();
  const conversion = timeline.getByRole("button", { name: new RegExp(`Conversion received from Imp buyer ${tag}, success`) });
  await expect(conversion).toContainText(`entered in Leadflow by ${adminEmail}`);
});
