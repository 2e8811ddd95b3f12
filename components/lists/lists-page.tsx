"use client";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/api/use-me";
import { useDeleteList, useList } from "@/components/api/use-lists";
import { errorText } from "@/components/api/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { useRouter } from "next/navigation";
import { ListDetail } from "./list-detail";
import { CreateListDialog, KIND_LABELS, ListsTable } from "./lists-table";

export function ListsPage() {
  const [creating, setCreating] = useState(false);
  const canEdit = useCan("editor");
  const router = useRouter();
  return (
    <div>
      <PageHeader
        title="Suppression lists"
        description="Do-not-call, existing-customer and custom lists that flows check leads against."
        actions={
          canEdit ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New list
            </Button>
          ) : null
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white px-5 py-3">
        <ListsTable hrefFor={(l) => `/lists/${l.id}`} />
      </div>
      <CreateListDialog open={creating} onClose={() => setCreating(false)} onCreated={(l) => router.push(`/lists/${l.id}`)} />
    </div>
  );
}

export function ListPage({ listId }: { listId: string }) {
  const list = useList(listId);
  const del = useDeleteList();
  const toast = useToast();
  const router = useRouter();
  return (
    <div>
      <Link href="/lists" className="text-sm text-brand-700 hover:underline">
        ← Suppression lists
      </Link>
      {list.data ? (
        <>
          <PageHeader
            title={list.data.name}
            description={list.data.description || undefined}
            actions={
              <>
                <Badge>{KIND_LABELS[list.data.kind] ?? list.data.kind}</Badge>
                <Button
                  size="sm"
                  variant="danger"
                  pending={del.isPending}
                  onClick={() =>
                    window.confirm(`Delete the list “${list.data?.name}” and all its values?`) &&
                    del.mutate(listId, {
                      onSuccess: () => {
                        toast("List deleted", "success");
                        router.push("/lists");
                      },
                      onError: (e) => toast(errorText(e), "error"),
                    })
                  }
                >
                  Delete list
                </Button>
              </>
            }
          />
          <ListDetail list={list.data} />
        </>
      ) : (
        <QueryState query={list} label="the list" />
      )}
    </div>
  );
}
