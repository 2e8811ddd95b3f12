import { z } from "zod";
import { cliOptions } from "./args";
import { db } from "@/lib/store/prisma";
import { createApiToken } from "@/lib/server/auth/tokens";
import { ROLES } from "@/lib/server/auth/roles";

const usage = "npm run token:create -- --email admin@example.com --name 'CI script' [--role admin|editor|viewer]";
const opts = cliOptions({ email: { type: "string" }, name: { type: "string" }, role: { type: "string" } }, usage);
const parsed = z
  .object({ email: z.email("--email must be an existing user's e-mail"), name: z.string().min(1, "--name is required"), role: z.enum(ROLES).optional() })
  .safeParse(opts);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n") + `\nUsage: ${usage}`);
  process.exit(2);
}
const user = await db().user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
if (!user) {
  console.error(`No user ${parsed.data.email}; create one with npm run user:create`);
  process.exit(1);
}
// A token never carries a higher role than its creator's.
const role = parsed.data.role && ROLES.indexOf(parsed.data.role) <= ROLES.indexOf(user.role as never) ? parsed.data.role : (user.role as (typeof ROLES)[number]);
const { secret } = await createApiToken({ userId: user.id, name: parsed.data.name, role });
console.log(`API token (shown once, store it now):\n${secret}`);
