"use client";
// API keys of a source entity (spec 07 §1.4, §2.5): stored hashed, so a new key is shown once.
// Rotation = create a new key, hand it to the vendor, then revoke the old one.
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import { useCreateKey, useEntityKeys, useRevokeKey } from "@/components/api/use-catalog";
import { useCan } from "@/components/api/use-me";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { useToast } from "@/components/ui/toast";

export function SourceKeys({ entityId, entityName }: { entityId: string; entityName: string }) {
  const isAdmin = useCan("admin");
  const keys = useEntityKeys(entityId, isAdmin);
  const create = useCreateKey(entityId);
  const revoke = useRevokeKey(entityId);
  const toast = useToast();
  const [shown, setShown] = useState<string | null>(null);
  if (!isAdmin) return <p className="text-sm text-slate-500">Only admins can see and create source API keys.</p>;
  const active = (keys.data ?? []).filter((k) => !k.revoked_at);
  return (
    <div className="flex flex-col gap-3">
      {shown ? (
        <Notice tone="success" title="New API key: copy it now">
          <p>This is the only time the key is shown. Give it to {entityName}; they send it as a Bearer token, with Basic authentication (any user name) or as api_key.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900" aria-label="New API key">
              {shown}
            </code>
            <CopyButton text={shown} label="Copy key" />
            <Button size="xs" variant="ghost" onClick={() => setShown(null)}>
              Done
            </Button>
          </div>
        </Notice>
      ) : null}
      {keys.isError ? <p className="text-sm text-red-700">{keys.error instanceof ApiError && keys.error.routeMissing ? "Keys are not available yet." : errorText(keys.error)}</p> : null}
      {keys.data && keys.data.length === 0 ? <p className="text-sm text-slate-500">No keys yet.</p> : null}
      {keys.data && keys.data.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="API keys">
          {keys.data.map((k) => (
            <li key={k.id} className="flex items-center gap-3 py-1.5">
              <code className="font-mono text-xs">{k.prefix}…</code>
              <span className="text-xs text-slate-500">created {new Date(k.created_at).toLocaleDateString()}</span>
              <span className="text-xs text-slate-500">{k.last_used_at ? `last used ${new Date(k.last_used_at).toLocaleString()}` : "never used"}</span>
              {k.revoked_at ? (
                <Badge>revoked</Badge>
              ) : (
                <Button
                  size="xs"
                  variant="danger"
                  className="ml-auto"
                  pending={revoke.isPending && revoke.variables === k.id}
                  onClick={() => {
                    if (!window.confirm(`Revoke key ${k.prefix}…? Submissions using it will be refused at once.`)) return;
                    revoke.mutate(k.id, { onSuccess: () => toast("Key revoked", "success"), onError: (e) => toast(errorText(e), "error") });
                  }}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <Button
          size="sm"
          pending={create.isPending}
          onClick={() =>
            create.mutate(undefined, {
              onSuccess: (k) => setShown(k.key),
              onError: (e) => toast(errorText(e), "error"),
            })
          }
        >
          {active.length ? "Rotate: create a new key" : "Create API key"}
        </Button>
        {active.length ? <p className="mt-1 text-xs text-slate-500">Revoke the old key once the vendor has switched to the new one.</p> : null}
      </div>
    </div>
  );
}
