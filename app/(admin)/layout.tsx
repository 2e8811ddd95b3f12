import { requireUser } from "@/lib/server/current-user";
import { AppShell } from "@/components/layout/app-shell";

// Every page in this group is behind login; the API behind it checks again on every call.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
