import { z } from "zod";
import { cliOptions } from "./args";
import { upsertUser } from "@/lib/store/admin/users";
import { migrate } from "@/prisma/migrate";
import { ROLES } from "@/lib/server/auth/roles";

const usage = "npm run user:create -- --email you@example.com --password '…' [--name 'Your Name'] [--role admin|editor|viewer]";
const opts = cliOptions(
  { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  usage,
);
const parsed = z
  .object({
    email: z.email("--email must be an e-mail address"),
    password: z.string().min(10, "--password must have at least 10 characters"),
    name: z.string().optional(),
    role: z.enum(ROLES).default("admin"),
  })
  .safeParse(opts);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n") + `\nUsage: ${usage}`);
  process.exit(2);
}
await migrate();
const user = await upsertUser(parsed.data);
console.log(`User ${user.email} (${user.role}) is ready.`);
