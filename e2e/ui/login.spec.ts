import { expect, test } from "@playwright/test";

const email = process.env.LEADFLOW_TEST_ADMIN_EMAIL ?? "admin@example.com";
const password = process.env.LEADFLOW_TEST_ADMIN_PASSWORD ?? "longenough-pass";

test("a signed-out visitor is sent to the login page", async ({ page }) => {
  await page.goto("/leads");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Email or password is incorrect");
});

test("signing in through the real login page shows the admin shell", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/flows/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Flows", "Leads", "Lists", "Reports", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await page.screenshot({ path: "e2e/artifacts/screenshots/shell.png", fullPage: true });
  await nav.getByRole("link", { name: "Leads" }).click();
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
});
