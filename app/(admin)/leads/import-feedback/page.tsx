import { Suspense } from "react";
import { FeedbackImportPage } from "@/components/leads/feedback-import";

export const metadata = { title: "Import feedback" };

export default function Page() {
  return (
    <Suspense>
      <FeedbackImportPage />
    </Suspense>
  );
}
