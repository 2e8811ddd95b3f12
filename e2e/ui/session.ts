// Shared by the browser specs: sign in through the real login page, and screenshots for review.
import { expect, type Page } from "@playwright/test";

export const email = process.env.LEADFLOW_TEST_ADMIN_EMAIL ?? "admin@example.com";
export const password = process.env.LEADFLOW_TEST_ADMIN_PASSWORD ?? "longenough-pass";
const shots = "e2e/artifacts/screenshots";

/** Signs in as the test admin, or as the person given. */
export async function signIn(page: Page, who: { email: string; password: string } = { email, password }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/flows/);
  // The list renders only after the page is hydrated and the flows have loaded.
  await expect(page.getByRole("table").or(page.getByText("No flows yet"))).toBeVisible();
}

/** Full-page screenshot from the top, so sticky headers sit where a person sees them. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/${name}`, fullPage: true });
}
