// Admins manage the people who sign in (Settings → Users): add with validation at the control,
// change role, reset the password, see the last sign-in, disable, enable and delete. Other roles
// see that this is for admins and manage only their own account.
import { expect, test } from "@playwright/test";
import { email as adminEmail, shot, signIn } from "./session";

test.use({ actionTimeout: 15_000 });

test("an admin adds, changes, resets, disables and deletes a user; the user sees only their own account", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/settings?tab=users");
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row", { name: adminEmail })).toContainText("you");

  const form = page.getByRole("form", { name: "Add a user" });
  const tag = Date.now().toString(36);
  const address = `casey.${tag}@example.com`;
  // Checked in the browser with the API's schema, shown at the control.
  await form.getByLabel("E-mail").fill("casey-at-example");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("must be an e-mail address")).toBeVisible();
  await expect(form.getByText("Set an initial password")).toBeVisible();
  // The API's refusal (an e-mail in use) lands at the same control.
  await form.getByLabel("E-mail").fill(adminEmail);
  await form.getByLabel("Initial password").fill("a-long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText(`A user with e-mail ${adminEmail} exists`)).toBeVisible();

  await form.getByLabel("E-mail").fill(address.toUpperCase());
  await form.getByLabel("Name").fill(`Casey ${tag}`);
  await form.getByLabel("Role").selectOption("editor");
  await form.getByRole("button", { name: "Generate" }).click();
  await expect(form.getByLabel("Initial password")).toHaveValue(/^[A-Za-z2-9]{16}$/);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${address} as editor` })).toBeVisible();
  const row = users.getByRole("row", { name: `Casey ${tag}` });
  await expect(row).toContainText(address);
  await expect(row).toContainText("never");
  await expect(row).toContainText("active");

  await row.getByLabel(`Role of Casey ${tag}`).selectOption("viewer");
  await expect(page.getByRole("status").filter({ hasText: `Casey ${tag} is now a viewer` })).toBeVisible();

  // A password the admin passes on; the person signs in with it.
  const known = `known-pass-${tag}`;
  await row.getByRole("button", { name: `Reset password of Casey ${tag}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reset the password of Casey ${tag}` });
  await dialog.getByLabel("New password").fill("short");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog.getByText("must have at least 10 characters")).toBeVisible();
  await dialog.getByLabel("New password").fill(known);
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog).toBeHidden();

  const context = await browser.newContext({ baseURL });
  const casey = await context.newPage();
  await signIn(casey, { email: address, password: known });
  await casey.goto("/settings?tab=users");
  await expect(casey.getByText("Only admins manage users")).toBeVisible();
  await expect(casey.getByRole("table", { name: "Users" })).toHaveCount(0);
  await casey.getByLabel("Your name", { exact: true }).fill(`Casey C ${tag}`);
  await casey.getByRole("button", { name: "Save name" }).click();
  await expect(casey.getByRole("status").filter({ hasText: "Your name was saved" })).toBeVisible();
  await shot(casey, "settings-users-viewer.png");

  await page.reload();
  const renamed = users.getByRole("row", { name: `Casey C ${tag}` });
  await expect(renamed).toContainText("just now");
  await expect(renamed.getByLabel(`Role of Casey C ${tag}`)).toHaveValue("viewer");
  await shot(page, "settings-users.png");

  page.once("dialog", (d) => d.accept());
  await renamed.getByRole("button", { name: `Disable Casey C ${tag}` }).click();
  await expect(renamed).toContainText("disabled");
  // Disabled: the session ends and signing in is refused.
  await casey.reload();
  await expect(casey).toHaveURL(/\/login/);
  const refused = await context.request.post("/api/auth/login", { data: { email: address, password: known }, headers: { Origin: new URL(baseURL!).origin } });
  expect(refused.status()).toBe(401);
  await renamed.getByRole("button", { name: `Enable Casey C ${tag}` }).click();
  await expect(renamed).toContainText("active");
  await context.close();

  await renamed.getByRole("button", { name: `Delete Casey C ${tag}` }).click();
  await page.getByRole("dialog", { name: `Delete Casey C ${tag}?` }).getByRole("button", { name: "Delete user" }).click();
  await expect(users.getByRole("row", { name: `Casey C ${tag}` })).toHaveCount(0);
  const left = await (await page.request.get(`/api/users?q=${encodeURIComponent(address)}`)).json();
  expect(left.data).toHaveLength(0);
});
