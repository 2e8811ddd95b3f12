import { StepsPage } from "@/components/flows/steps-page";

export const metadata = { title: "Steps" };

export default function Page() {
  return <StepsPage />;
}
