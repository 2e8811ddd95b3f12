// The flow editor keeps people's work safe: API validation messages appear at the control they
// are about, a concurrent save is detected instead of overwritten, unsaved work survives a
// reload and asks before leaving, every drag action has a keyboard path, and history can be
// compared, rolled back, exported and imported.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

/**
 * Every test starts the same way: signed in, a fresh flow made through the API (the browser is
 * not what these tests are about), and one of its editor pages open and ready.
 */
async function openNewFlow(page: Page, name: string, editorPage: "" | "fields" | "acceptance" | "steps") {
  await signIn(page);
  const res = await page.request.post("/api/flows", {
    data: { name: `${name} ${Date.now().toString(36)}`, fields: ["first_name", "email", "state"] },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(201);
  const flow = (await res.json()) as { id: string; version: number };
  await page.goto(`/flows/${flow.id}${editorPage ? `/${editorPage}` : ""}`);
  await expect(page.getByRole("navigation", { name: "Flow editor" })).toBeVisible();
  return flow;
}

/** Drags a dnd-kit handle to a target with small pointer moves (the sensor needs real moves). */
async function drag(page: Page, handle: Locator, target: Locator, dx = 0) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  const x0 = from.x + from.width / 2;
  const y0 = from.y + from.height / 2;
  const y1 = to.y + Math.min(to.height / 2, 12);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) {
    await page.mouse.move(x0 + (dx * i) / 15, y0 + ((y1 - y0) * i) / 15);
    await page.waitForTimeout(25);
  }
  await page.waitForTimeout(100);
  await page.mouse.up();
}

test("validation errors show at the offending control; the draft survives a failed save", async ({ page }) => {
  const flow = await openNewFlow(page, "Validation", "acceptance");
  const builder = page.getByRole("group", { name: "Acceptance criteria", exact: true });
  await builder.getByRole("button", { name: "+ Add rule", exact: true }).click();
  await builder.getByLabel("Rule 1 field").selectOption({ label: "Email" });
  await builder.getByLabel("Rule 1 operator").selectOption("matches pattern");
  await builder.getByLabel("Rule 1 value").fill("/[unclosed/");
  // The browser checks the draft with the API's schema first: this save never reaches the server.
  const saves: string[] = [];
  page.on("request", (r) => r.method() === "PUT" && r.url().includes(`/api/flows/${flow.id}`) && saves.push(r.url()));
  await page.getByRole("button", { name: "Save", exact: true }).click();

  const rule = builder.getByRole("group", { name: "Rule 1", exact: true });
  await expect(rule.getByText(/invalid regular expression/)).toBeVisible();
  await expect(builder.getByLabel("Rule 1 value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "stopped the save" })).toContainText("Acceptance criteria › rules › rule 1 › value");
  // Nothing typed was lost, and the fix saves.
  await expect(builder.getByLabel("Rule 1 value")).toHaveValue("/[unclosed/");
  expect(saves).toHaveLength(0);
  await shot(page, "editor-validation.png");
  await builder.getByLabel("Rule 1 value").fill("*@example.com");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  await expect(rule.getByText(/invalid regular expression/)).toHaveCount(0);
});

test("a concurrent save is detected, never silently overwritten", async ({ page }) => {
  const flow = await openNewFlow(page, "Conflict", "fields");
  await page.getByRole("button", { name: "Add field Phone 1", exact: true }).click();
  await expect(page.getByText("Unsaved changes")).toBeVisible();

  // Someone else saves version 2 meanwhile.
  const current = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  const other = await page.request.put(`/api/flows/${flow.id}`, {
    data: { ...current, version: 1, fields: [...current.fields, "postal_code"] },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(other.status()).toBe(200);

  await page.getByRole("button", { name: "Save", exact: true }).click();
  const banner = page.getByText("Someone else saved this flow while you were editing");
  await expect(banner).toBeVisible();
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await expect(page.getByRole("list", { name: "Flow fields" })).toContainText("Phone 1");
  await shot(page, "editor-conflict.png");

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Save mine over theirs" }).click();
  await expect(page.getByText("Saved · version 3")).toBeVisible();
  await expect(banner).toHaveCount(0);
  const saved = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(saved.fields).toContain("phone_1");
});

test("unsaved work survives a reload and asks before leaving the flow", async ({ page }) => {
  const flow = await openNewFlow(page, "Drafts", "acceptance");
  const builder = page.getByRole("group", { name: "Acceptance criteria", exact: true });
  await builder.getByRole("button", { name: "+ Add rule", exact: true }).click();
  await builder.getByLabel("Rule 1 field").selectOption({ label: "State" });
  await builder.getByLabel("Rule 1 value").fill("TX");

  // Moving between the editor's pages keeps the draft without asking.
  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Fields" }).click();
  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Acceptance" }).click();
  await expect(builder.getByLabel("Rule 1 value")).toHaveValue("TX");

  // Leaving the flow asks; saying no stays.
  page.once("dialog", (d) => d.dismiss());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leads" }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}/acceptance`));

  // A reload (or a crash) restores the draft from this browser.
  page.on("dialog", (d) => d.accept());
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Flow editor" })).toBeVisible();
  await expect(page.getByText(/Restored unsaved changes/)).toBeVisible();
  await expect(builder.getByLabel("Rule 1 value")).toHaveValue("TX");
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(builder.getByRole("button", { name: "+ Add rule", exact: true })).toBeVisible();
  await expect(page.getByText(/Saved · version 1/)).toBeVisible();
});

test("steps, rules and caps can be rearranged with the keyboard alone", async ({ page }) => {
  const flow = await openNewFlow(page, "Keyboard", "steps");
  for (const name of ["First", "Second"]) {
    await page.getByRole("button", { name: "+ Add filter" }).first().click();
    const card = page.getByRole("article").last();
    await card.getByLabel("Description").fill(name);
    await card.getByRole("button", { name: /^Collapse step/ }).click();
  }
  // dnd-kit keyboard sorting: focus the grip, Space to lift, arrow to move, Space to drop.
  const grip = page.getByRole("button", { name: "Drag step 2 (Second)" });
  await grip.focus();
  // The sensor measures the list after the lift and animates each move; give it a moment.
  await page.keyboard.press("Space");
  await page.waitForTimeout(200);
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(300);
  await page.keyboard.press("Space");
  await expect(page.getByRole("article").first()).toHaveAccessibleName("Step 1: Second");
  // The buttons do the same.
  await page.getByRole("button", { name: "Move step 2 (First) up" }).click();
  await expect(page.getByRole("article").first()).toHaveAccessibleName("Step 1: First");
  await page.getByRole("button", { name: "Duplicate step 1 (First)" }).click();
  await expect(page.getByRole("article")).toHaveCount(3);
  await expect(page.getByRole("article").nth(1)).toHaveAccessibleName("Step 2: First (copy)");

  // Rule groups: move a rule into the group above and back out.
  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Acceptance" }).click();
  const builder = page.getByRole("group", { name: "Acceptance criteria", exact: true });
  await builder.getByRole("button", { name: "+ Add group", exact: true }).click();
  await builder.getByLabel("Rule 1.1 field").selectOption({ label: "Email" });
  await builder.getByLabel("Rule 1.1 operator").selectOption("is not blank");
  await builder.getByRole("button", { name: "+ Add rule", exact: true }).click();
  await builder.getByLabel("Rule 2 field").selectOption({ label: "State" });
  await builder.getByRole("button", { name: "Move Rule 2 into the group above" }).click();
  await expect(builder.getByLabel("Rule 1.2 field")).toHaveValue("lead.state");
  await builder.getByRole("button", { name: "Move Rule 1.2 up" }).click();
  await expect(builder.getByLabel("Rule 1.1 field")).toHaveValue("lead.state");
  await builder.getByRole("button", { name: "Move Rule 1.1 out of its group" }).click();
  await expect(builder.getByLabel("Rule 2 field")).toHaveValue("lead.state");

  // Caps: indent the second cap under the first, then outdent it again.
  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Volume caps" }).click();
  const caps = page.getByRole("group", { name: "Flow caps", exact: true });
  await caps.getByRole("button", { name: "+ Add cap" }).click();
  await caps.getByRole("button", { name: "+ Add cap" }).click();
  const names = caps.getByLabel("Cap name");
  await names.nth(0).fill("Monthly");
  await names.nth(1).fill("CA daily");
  await caps.getByRole("button", { name: "Indent CA daily under the cap above" }).click();
  await expect(caps.getByRole("button", { name: "Outdent CA daily" })).toBeEnabled();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(saved.caps).toHaveLength(1);
  expect(saved.caps[0].caps[0].name).toBe("CA daily");
  expect(saved.steps.map((s: { description: string }) => s.description)).toEqual(["First", "First (copy)", "Second"]);
  expect(saved.acceptance_criteria.rule_set.rules[1].lhv).toBe("lead.state");
});

test("rules move between groups and caps nest by dragging with the mouse", async ({ page }) => {
  const flow = await openNewFlow(page, "Dragging", "acceptance");
  const builder = page.getByRole("group", { name: "Acceptance criteria", exact: true });
  await builder.getByRole("button", { name: "+ Add rule", exact: true }).click();
  await builder.getByLabel("Rule 1 field").selectOption({ label: "State" });
  await builder.getByLabel("Rule 1 value").fill("TX");
  await builder.getByRole("button", { name: "+ Add group", exact: true }).click();
  await builder.getByLabel("Rule 2.1 field").selectOption({ label: "Email" });
  await builder.getByLabel("Rule 2.1 operator").selectOption("is not blank");
  // Drop the State rule onto the group's rule: it joins the group, in front of it.
  await drag(page, builder.getByRole("button", { name: "Drag Rule 1", exact: true }), builder.getByRole("group", { name: "Rule 2.1", exact: true }));
  await expect(builder.getByLabel("Rule 1.1 field")).toHaveValue("lead.state");
  await expect(builder.getByLabel("Rule 1.2 field")).toHaveValue("lead.email");
  // A new group inside an AND set starts as OR, and the moved rule now belongs to it.
  await expect(page.getByLabel("Acceptance criteria in plain words")).toHaveText("Reads as: State is equal to TX OR Email is not blank");

  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Volume caps" }).click();
  const caps = page.getByRole("group", { name: "Flow caps", exact: true });
  await caps.getByRole("button", { name: "+ Add cap" }).click();
  await caps.getByRole("button", { name: "+ Add cap" }).click();
  await caps.getByLabel("Cap name").nth(0).fill("Weekly");
  await caps.getByLabel("Cap name").nth(1).fill("Vendor share");
  // Dragging a cap sideways nests it under the cap above.
  const handle = caps.getByRole("button", { name: "Drag cap Vendor share" });
  await drag(page, handle, handle, 80);
  await expect(caps.getByRole("button", { name: "Outdent Vendor share" })).toBeEnabled();
  await shot(page, "flow-caps-nested.png");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  const saved = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(saved.caps.map((c: { name: string }) => c.name)).toEqual(["Weekly"]);
  expect(saved.caps[0].caps[0].name).toBe("Vendor share");
  expect(saved.acceptance_criteria.rule_set.rules).toHaveLength(1);
});

test("version history: compare, roll back, export and import", async ({ page }) => {
  const flow = await openNewFlow(page, "History", "fields");
  await page.getByRole("button", { name: "Add field Phone 1", exact: true }).click();
  await page.getByRole("button", { name: "Save & deploy" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();

  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Compare version 2 with version 1" }).click();
  const changes = page.getByRole("list", { name: "Changes" });
  await expect(changes).toContainText("phone_1");
  await shot(page, "flow-history.png");

  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rolled back: version 3 equals version 1" })).toBeVisible();
  await expect(page.getByText("Saved · version 3")).toBeVisible();

  const exported = await page.request.get(`/api/flows/${flow.id}/export?version=latest`);
  expect(exported.status()).toBe(200);
  const doc = await exported.json();
  expect(doc.flow.fields).not.toContain("phone_1");

  await page.goto("/flows");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import JSON" }).click();
  await (await chooser).setFiles({ name: "flow.leadflow.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page).toHaveURL(/\/flows\/[0-9a-f]{24}$/);
  expect(page.url()).not.toContain(flow.id);
  await expect(page.getByText("Not deployed", { exact: true })).toBeVisible();
});

test("a rename takes effect at once without a new version, and a later save keeps it", async ({ page }) => {
  const flow = await openNewFlow(page, "Rename", "fields");
  // Unsaved work in progress must neither block the rename nor undo it when saved.
  await page.getByRole("button", { name: "Add field Phone 1", exact: true }).click();
  await page.getByRole("navigation", { name: "Flow editor" }).getByRole("link", { name: "Overview" }).click();
  const newName = `Renamed ${Date.now().toString(36)}`;
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Flow name").fill(" ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("name is required")).toBeVisible();
  await page.getByLabel("Flow name").fill(newName);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(newName);
  let stored = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(stored).toMatchObject({ name: newName, version: 1 });
  await expect(page.getByText("Unsaved changes")).toBeVisible();

  await page.getByRole("button", { name: "Save & deploy" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  stored = await (await page.request.get(`/api/flows/${flow.id}`)).json();
  expect(stored).toMatchObject({ name: newName, version: 2, deployed_version: 2 });
  expect(stored.fields).toContain("phone_1");
  await expect(page.getByText(/^deployed (just now|\d+ \w+ ago) \(version 2\)$/).first()).toBeVisible();
  const history = await (await page.request.get(`/api/flows/${flow.id}/versions`)).json();
  expect(history.data).toHaveLength(2);
  await shot(page, "flow-rename.png");
});
