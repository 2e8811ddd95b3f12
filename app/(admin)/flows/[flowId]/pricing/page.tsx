import { PricingEditor } from "@/components/flows/pricing-editor";

export const metadata = { title: "Pricing" };

export default function Page() {
  return <PricingEditor />;
}
