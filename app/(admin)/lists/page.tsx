import { ListsPage } from "@/components/lists/lists-page";

export const metadata = { title: "Lists" };

export default function Page() {
  return <ListsPage />;
}
