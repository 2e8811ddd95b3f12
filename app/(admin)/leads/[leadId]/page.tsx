import { LeadDetail } from "@/components/leads/lead-detail";

export const metadata = { title: "Lead" };

export default async function Page({ params }: { params: Promise<{ leadId: string }> }) {
  const { leadId } = await params;
  return <LeadDetail leadId={leadId} />;
}
