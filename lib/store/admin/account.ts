// Account settings (spec 00 §1): one account per installation.
import { db } from "@/lib/store/prisma";
import type { Account } from "@/lib/generated/sqlite/client";
import type { AccountUpdateBody } from "@/lib/schemas/account";
import { ApiError } from "@/lib/server/errors";
import { isUniqueViolation } from "./prisma-errors";

/** The same id prisma/seed.ts uses, so the demo and a fresh install share the single row. */
export const ACCOUNT_ID = "000000000000000000000001";

/** The account row, created with the defaults on first use. */
export async function accountRecord(): Promise<Account> {
  const existing = await db().account.findFirst({ orderBy: { id: "asc" } });
  if (existing) return existing;
  try {
    return await db().account.create({ data: { id: ACCOUNT_ID, name: "Leadflow" } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await db().account.findFirst({ orderBy: { id: "asc" } }))!;
  }
}

function accountResource(a: Account) {
  return {
    id: a.id,
    name: a.name,
    time_zone: a.timeZone,
    retention_days: a.retentionDays,
    field_suffix: a.fieldSuffix,
    obscenity_words: Array.isArray(a.obscenityWords) ? (a.obscenityWords as string[]) : [],
    updated_at: a.updatedAt.toISOString(),
  };
}

export async function getAccount() {
  return accountResource(await accountRecord());
}

/** PATCH /api/account. The custom-field suffix is set once (01 §1): changing it later is 409. */
export async function updateAccount(input: AccountUpdateBody) {
  const account = await accountRecord();
  if (input.field_suffix !== undefined && account.fieldSuffix && account.fieldSuffix !== input.field_suffix) {
    throw new ApiError("conflict", `The custom field suffix is already "${account.fieldSuffix}" and cannot change`);
  }
  const updated = await db().account.update({
    where: { id: account.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.time_zone !== undefined ? { timeZone: input.time_zone } : {}),
      ...(input.retention_days !== undefined ? { retentionDays: input.retention_days } : {}),
      ...(input.field_suffix !== undefined ? { fieldSuffix: input.field_suffix } : {}),
      ...(input.obscenity_words !== undefined ? { obscenityWords: input.obscenity_words } : {}),
    },
  });
  return accountResource(updated);
}
