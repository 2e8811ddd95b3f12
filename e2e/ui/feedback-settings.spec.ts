// Feedback settings: a recipient step accepts returns (with a maximum lead age and rules) and
// conversions, and is reminded to send {{event_id}}; a flow source gets returns passed on to it
// through the same integration editor as a recipient. Checked in the browser before the save,
// stored in the flow document after it.
import { expect, test } from "@playwright/test";
import { jsonRecipient, makeEntity, makeFlow } from "./seed";
import { shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

test("returns and conversions on a recipient step and returns sent on to a source", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const tag = Date.now().toString(36);
  const vendor = await makeEntity(page.request, `Fb vendor ${tag}`, "source");
  const buyer = await makeEntity(page.request, `Fb buyer ${tag}`, "recipient");
  const flow = await makeFlow(
    page.request,
    {
      name: `Feedback ${tag}`,
      fields: ["email", "state"],
      sources: [{ entity: vendor }],
      steps: [{ ...jsonRecipient(buyer, "https://buyer.example.com/leads", { "json_property.email": "{{lead.email}}" }), description: "Acme" }],
    },
    { deploy: false },
  );

  await page.goto(`/flows/${flow.id}/steps`);
  const step = page.getByRole("article", { name: "Step 1: Acme" });
  await step.getByRole("button", { name: /^Edit step 1/ }).click();
  const feedback = step.getByRole("region", { name: "Feedback" });
  await expect(feedback).toContainText("must include {{event_id}} in its request for feedback to work");
  await feedback.getByRole("switch", { name: /Accept returns/ }).click();
  // The request lacks the event id: the page says so and offers to add it.
  await expect(feedback.getByText("The request does not send the event id yet")).toBeVisible();
  await feedback.getByRole("button", { name: "Add json_property.event_id ← {{event_id}} to the request" }).click();
  await expect(feedback.getByText("The request does not send the event id yet")).toHaveCount(0);
  await expect(step.getByRole("group", { name: "Request mapping of Acme", exact: true }).getByLabel("Mapping 2 property")).toHaveValue("json_property.event_id");

  // A lead age of 0 days is refused in the browser, at the control, before anything is sent.
  await feedback.getByLabel("Maximum lead age (days)").fill("0");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(feedback.getByLabel("Maximum lead age (days)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "stopped the save" })).toContainText("max lead age days");
  await feedback.getByLabel("Maximum lead age (days)").fill("30");
  const returnRules = feedback.getByRole("group", { name: "Return rules of Acme", exact: true });
  await returnRules.getByRole("button", { name: "+ Add rule", exact: true }).click();
  await returnRules.getByLabel("Rule 1 field").selectOption({ label: "Feedback reason" });
  await returnRules.getByLabel("Rule 1 operator").selectOption("is not blank");
  await feedback.getByRole("switch", { name: /Accept conversions/ }).click();
  await shot(page, "feedback-step.png");

  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Sources" }).click();
  const card = page.getByRole("region", { name: "Feedback to this source" });
  const returns = card.getByRole("group", { name: `Returns sent to Fb vendor ${tag}` });
  await returns.getByRole("switch", { name: `Send returns to Fb vendor ${tag}` }).click();
  await expect(returns.getByLabel("Format")).toHaveValue("custom.outbound.json");
  await returns.getByLabel("URL", { exact: true }).fill("https://vendor.example.com/returns");
  await returns.getByLabel("Method").selectOption("PUT");
  const mapping = returns.getByRole("group", { name: `Returns request mapping of Fb vendor ${tag}`, exact: true });
  await expect(mapping.getByLabel("Mapping 3 value")).toHaveValue("{{feedback.reason}}");
  await returns.getByLabel("Search term").fill("accepted");
  await expect(card.getByRole("switch", { name: `Send conversions to Fb vendor ${tag}` })).toHaveAttribute("aria-checked", "false");
  await shot(page, "feedback-source.png");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(saved.steps[0].feedback).toMatchObject({
    return: { enabled: true, max_lead_age_days: 30, rule_set: { op: "and", rules: [{ lhv: "feedback.reason", op: "is not blank" }] } },
    conversion: { enabled: true },
  });
  expect(saved.steps[0].integration.mappings).toContainEqual(expect.objectContaining({ property: "json_property.event_id", value: "{{event_id}}" }));
  const sent = saved.sources[0].feedback;
  expect(sent.return).toMatchObject({ enabled: true, integration: { module_id: "custom.outbound.json" } });
  expect(sent.conversion?.enabled ?? false).toBe(false);
  const byProperty = Object.fromEntries(sent.return.integration.mappings.map((m: { property: string; value: string }) => [m.property, m.value]));
  expect(byProperty).toMatchObject({
    url: "https://vendor.example.com/returns",
    method: "PUT",
    outcome_search_term: "accepted",
    "json_property.lead_id": "{{lead.id}}",
    "json_property.reason": "{{feedback.reason}}",
  });
});
