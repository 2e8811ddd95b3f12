import { ListPage } from "@/components/lists/lists-page";

export const metadata = { title: "List" };

export default async function Page({ params }: { params: Promise<{ listId: string }> }) {
  const { listId } = await params;
  return <ListPage listId={listId} />;
}
