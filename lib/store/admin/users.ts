import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/server/auth/password";
import type { Role } from "@/lib/server/auth/roles";

/** Creates a user, or resets the password and role of an existing one with that e-mail. */
export async function upsertUser(input: { email: string; password: string; name?: string; role?: Role }) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db().user.upsert({
    where: { email },
    create: { id: newId(), email, name: input.name ?? "", role: input.role ?? "admin", passwordHash },
    update: { passwordHash, role: input.role ?? undefined, name: input.name ?? undefined, disabled: false },
  });
}
