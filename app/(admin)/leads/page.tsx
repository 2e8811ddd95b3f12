import { Suspense } from "react";
import { LeadSearch } from "@/components/leads/lead-search";

export const metadata = { title: "Leads" };

export default function Page() {
  return (
    <Suspense>
      <LeadSearch />
    </Suspense>
  );
}
