"use client";
// Settings → Users (spec 07 §2.3): admins see everyone with role, status and last sign-in, add
// people, change roles, disable or enable, reset passwords and delete. Everyone manages their own
// name and password here; other roles are told plainly that the rest is for admins.
import { useState } from "react";
import { ApiError, errorText, type ApiIssue } from "@/components/api/client";
import type { Role, User } from "@/components/api/types";
import { useMe } from "@/components/api/use-me";
import { useCreateUser, useDeleteUser, useUpdateUser, useUsers } from "@/components/api/use-users";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormDialog } from "@/components/ui/form-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/input";
import { issuesByField } from "@/components/ui/issues";
import { QueryState, Spinner } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { zodIssues } from "@/lib/schemas/issues";
import { passwordSchema, userCreateBodySchema, userUpdateBodySchema } from "@/lib/schemas/user";
import { generatePassword } from "./password";
import { TableHead } from "@/components/ui/table-head";

const ROLE_TEXT: Record<Role, string> = {
  admin: "admin: everything, including users and API tokens",
  editor: "editor: flows, lists and reports",
  viewer: "viewer: read only",
};

/** The API's answer as messages per control: 422 issues by path, a duplicate e-mail at the e-mail. */
function apiFieldErrors(err: unknown): Record<string, string> {
  if (err instanceof ApiError && err.issues.length) return issuesByField(err.issues);
  if (err instanceof ApiError && err.code === "conflict" && /e-mail/i.test(err.message)) return { email: err.message };
  return { form: errorText(err) };
}

export function UsersSettings() {
  const me = useMe();
  if (me.isPending) return <Spinner label="Loading your account…" />;
  if (!me.data) return <QueryState query={me} label="your account" />;
  const isAdmin = me.data.role === "admin";
  return (
    <div className="flex flex-col gap-4">
      {isAdmin ? <UserAdmin myId={me.data.id} /> : <NotAllowed role={me.data.role} />}
      <YourAccount />
    </div>
  );
}

function NotAllowed({ role }: { role: Role }) {
  return (
    <Notice tone="warn" title="Only admins manage users">
      You are signed in as {role === "editor" ? "an editor" : "a viewer"}. Ask an admin to add people, change roles or reset passwords. You can change your own name and
      password below.
    </Notice>
  );
}

function UserAdmin({ myId }: { myId: string }) {
  const users = useUsers();
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  // A role taken away after the page loaded: the API says so, and so does the page.
  if (users.error instanceof ApiError && users.error.code === "forbidden") return <NotAllowed role="viewer" />;
  const list = users.data ?? [];
  return (
    <div className="grid items-start gap-4 2xl:grid-cols-[1fr_22rem]">
      <Card title="Users" description="People who sign in to Leadflow. Disabled users cannot sign in; their history stays.">
        <QueryState query={users} label="users" />
        {users.data && list.length === 0 ? <EmptyState title="No users">Add the first one with the form.</EmptyState> : null}
        {list.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Users</caption>
              <TableHead columns={["User", "Role", "Last sign-in", "Status"]} actions />
              <tbody className="divide-y divide-slate-100">
                {list.map((u) => (
                  <UserRow key={u.id} user={u} isMe={u.id === myId} onReset={() => setResetFor(u)} onDelete={() => setDeleting(u)} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <AddUser />
      <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} />
      <DeleteUserDialog user={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function UserRow({ user, isMe, onReset, onDelete }: { user: User; isMe: boolean; onReset: () => void; onDelete: () => void }) {
  const update = useUpdateUser();
  const toast = useToast();
  const who = user.name || user.email;
  const change = (patch: { role?: Role; disabled?: boolean }, done: string) =>
    update.mutate({ id: user.id, ...patch }, { onSuccess: () => toast(done, "success"), onError: (e) => toast(errorText(e), "error") });
  return (
    <tr aria-label={who} className={user.disabled ? "text-slate-500" : undefined}>
      <td className="py-2 pr-3">
        <div className="font-medium text-slate-900">
          {user.name || <span className="text-slate-400">(no name)</span>} {isMe ? <Badge tone="blue">you</Badge> : null}
        </div>
        <div className="text-xs text-slate-500">{user.email}</div>
      </td>
      <td className="py-2 pr-3">
        <Select
          aria-label={`Role of ${who}`}
          value={user.role}
          disabled={update.isPending}
          className="h-8 w-28"
          onChange={(e) => {
            const role = e.target.value as Role;
            if (isMe && role !== "admin" && !window.confirm("Take the admin role away from yourself? You will no longer be able to manage users.")) return;
            change({ role }, `${who} is now ${role === "admin" ? "an admin" : `a ${role}`}`);
          }}
        >
          <option value="admin">admin</option>
          <option value="editor">editor</option>
          <option value="viewer">viewer</option>
        </Select>
      </td>
      <td className="py-2 pr-3 whitespace-nowrap text-slate-600">
        <RelativeTime iso={user.last_login_at} fallback="never" />
      </td>
      <td className="py-2 pr-3">{user.disabled ? <Badge tone="gray">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
      <td className="py-2 text-right whitespace-nowrap">
        <Button size="xs" variant="ghost" onClick={onReset} aria-label={`Reset password of ${who}`}>
          Reset password
        </Button>
        {isMe ? null : (
          <>
            <Button
              size="xs"
              variant="ghost"
              pending={update.isPending && update.variables?.disabled !== undefined}
              aria-label={`${user.disabled ? "Enable" : "Disable"} ${who}`}
              onClick={() =>
                user.disabled
                  ? change({ disabled: false }, `${who} can sign in again`)
                  : window.confirm(`Disable ${who}? They are signed out at once and cannot sign in until enabled again.`) &&
                    change({ disabled: true }, `${who} is disabled`)
              }
            >
              {user.disabled ? "Enable" : "Disable"}
            </Button>
            <Button size="xs" variant="ghost" className="text-red-700" onClick={onDelete} aria-label={`Delete ${who}`}>
              Delete
            </Button>
          </>
        )}
      </td>
    </tr>
  );
}

const EMPTY_FORM = { email: "", name: "", role: "editor" as Role, password: "" };

function AddUser() {
  const create = useCreateUser();
  const toast = useToast();
  const [form, setForm] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState(false);
  function submit() {
    const parsed = userCreateBodySchema.safeParse({ ...form, password: form.password || undefined });
    const found: ApiIssue[] = parsed.success ? [] : zodIssues(parsed.error);
    // The API allows a user without a password (they cannot sign in until one is set); here a
    // person is being added to sign in, so the form asks for one.
    if (!form.password) found.push({ path: "password", message: "Set an initial password (or generate one)" });
    if (found.length || !parsed.success) return setErrors(issuesByField(found));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (u) => {
        toast(`Added ${u.email} as ${u.role}`, "success");
        setForm(EMPTY_FORM);
        setShown(false);
      },
      onError: (e) => setErrors(apiFieldErrors(e)),
    });
  }
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <Card title="Add a user" description="Give the person their e-mail and the initial password; they can change it here after signing in." className="max-w-xl 2xl:max-w-none">
      <form
        aria-label="Add a user"
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="E-mail" error={errors.email}>
          {(p) => <Input {...p} type="email" autoComplete="off" value={form.email} onChange={(e) => set({ email: e.target.value })} placeholder="ann@example.com" />}
        </Field>
        <Field label="Name" error={errors.name}>
          {(p) => <Input {...p} autoComplete="off" value={form.name} onChange={(e) => set({ name: e.target.value })} placeholder="Ann Example" />}
        </Field>
        <Field label="Role" error={errors.role} hint={ROLE_TEXT[form.role]}>
          {(p) => (
            <Select {...p} value={form.role} onChange={(e) => set({ role: e.target.value as Role })}>
              <option value="viewer">viewer</option>
              <option value="editor">editor</option>
              <option value="admin">admin</option>
            </Select>
          )}
        </Field>
        <Field label="Initial password" error={errors.password} hint="At least 10 characters.">
          {(p) => (
            <div className="flex gap-2">
              <Input {...p} type={shown ? "text" : "password"} autoComplete="new-password" value={form.password} onChange={(e) => set({ password: e.target.value })} />
              <Button
                onClick={() => {
                  set({ password: generatePassword() });
                  setShown(true);
                }}
              >
                Generate
              </Button>
            </div>
          )}
        </Field>
        {shown && form.password ? (
          <div className="flex items-center gap-2 text-xs text-slate-600">
            Copy it before adding the user: <CopyButton text={form.password} label="Copy password" />
          </div>
        ) : null}
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        <Button type="submit" variant="primary" pending={create.isPending}>
          Add user
        </Button>
      </form>
    </Card>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const update = useUpdateUser();
  const toast = useToast();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const who = user ? user.name || user.email : "";
  function close() {
    setPassword("");
    setError(null);
    onClose();
  }
  function submit() {
    if (!user) return;
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the password");
    update.mutate(
      { id: user.id, password: parsed.data },
      {
        onSuccess: () => {
          toast(`New password set for ${who}; their other sessions were signed out`, "success");
          close();
        },
        onError: (e) => setError(apiFieldErrors(e).password ?? errorText(e)),
      },
    );
  }
  return (
    <FormDialog
      open={user !== null}
      onClose={close}
      title={`Reset the password of ${who}`}
      description="They are signed out everywhere and sign in with the new password, which you pass on to them."
      submitLabel="Set password"
      onSubmit={submit}
      pending={update.isPending}
    >
        <Field label="New password" error={error} hint="At least 10 characters.">
          {(p) => (
            <div className="flex gap-2">
              <Input {...p} type="text" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
              <Button onClick={() => setPassword(generatePassword())}>Generate</Button>
              {password ? <CopyButton text={password} size="sm" /> : null}
            </div>
          )}
        </Field>
    </FormDialog>
  );
}

function DeleteUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const del = useDeleteUser();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const who = user ? user.name || user.email : "";
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <FormDialog
      open={user !== null}
      onClose={close}
      title={`Delete ${who}?`}
      description="Their sessions and API tokens are deleted with them. Disable the user instead to keep their tokens and allow a return."
      submitLabel="Delete user"
      danger
      pending={del.isPending}
      onSubmit={() =>
        user &&
        del.mutate(user.id, {
          onSuccess: () => {
            toast(`Deleted ${who}`, "success");
            close();
          },
          onError: (e) => setError(errorText(e)),
        })
      }
    >
      <p className="text-sm text-slate-700">{user?.email}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </FormDialog>
  );
}

/** The signed-in person's own name and password (PATCH /api/users/{own id}, any role). */
function YourAccount() {
  const me = useMe().data;
  const update = useUpdateUser();
  const toast = useToast();
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!me) return null;
  const shownName = name ?? me.name;
  function save(body: { name?: string; password?: string }, done: string, after: () => void) {
    if (!me) return;
    const parsed = userUpdateBodySchema.safeParse(body);
    if (!parsed.success) return setErrors(issuesByField(zodIssues(parsed.error)));
    setErrors({});
    update.mutate({ id: me.id, ...parsed.data }, { onSuccess: () => (toast(done, "success"), after()), onError: (e) => setErrors(apiFieldErrors(e)) });
  }
  return (
    <Card title="Your account" description={`Signed in as ${me.email} (${me.role}).`}>
      <div className="grid gap-6 md:grid-cols-2">
        <form
          aria-label="Change your name"
          className="flex items-end gap-2 self-start"
          onSubmit={(e) => {
            e.preventDefault();
            save({ name: shownName }, "Your name was saved", () => setName(null));
          }}
        >
          <Field label="Your name" error={errors.name} className="flex-1">
            {(p) => <Input {...p} value={shownName} onChange={(e) => setName(e.target.value)} autoComplete="name" />}
          </Field>
          <Button type="submit" disabled={name === null || name === me.name} pending={update.isPending && update.variables?.name !== undefined}>
            Save name
          </Button>
        </form>
        <form
          aria-label="Change your password"
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (password !== repeat) return setErrors({ repeat: "The two passwords differ" });
            save({ password }, "Your password was changed", () => (setPassword(""), setRepeat("")));
          }}
        >
          <Field label="New password" error={errors.password} hint="At least 10 characters.">
            {(p) => <Input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Field label="Repeat the new password" error={errors.repeat}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
          </Field>
          <div>
            <Button type="submit" disabled={!password} pending={update.isPending && update.variables?.password !== undefined}>
              Change password
            </Button>
          </div>
        </form>
      </div>
      {errors.form ? (
        <Notice tone="error" className="mt-3">
          {errors.form}
        </Notice>
      ) : null}
    </Card>
  );
}
