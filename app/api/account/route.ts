// Account settings: not named by spec 07; the settings page and the custom-field suffix rule
// (01 §1, 07 §2.6) need a way to read and set them.
import { withApi, readJson } from "@/lib/server/api";
import { accountUpdateBodySchema } from "@/lib/schemas/account";
import { getAccount, updateAccount } from "@/lib/store/admin/account";

export const GET = withApi({ role: "viewer" }, async () => getAccount());

export const PATCH = withApi({ role: "admin" }, async ({ request }) => updateAccount(await readJson(request, accountUpdateBodySchema)));
