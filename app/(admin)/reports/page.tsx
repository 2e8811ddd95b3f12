import { Suspense } from "react";
import { ReportsPage } from "@/components/reports/reports-page";

export const metadata = { title: "Reports" };

export default function Page() {
  return (
    <Suspense>
      <ReportsPage />
    </Suspense>
  );
}
