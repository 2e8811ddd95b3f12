/**
 * Shared helpers for integration tests: the server under test, its admin credentials, and a
 * signed-in API client. The server and a fresh database are started by lib/cli/test.ts.
 */
export const BASE_URL = process.env.LEADFLOW_TEST_BASE_URL ?? "http://127.0.0.1:3000";
export const ADMIN = {
  email: process.env.LEADFLOW_TEST_ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.LEADFLOW_TEST_ADMIN_PASSWORD ?? "longenough-pass",
};

export function url(path: string): string {
  return new URL(path, BASE_URL).toString();
}

/** Signs in through the real login route and returns a client that sends the session cookie. */
export async function signIn(email = ADMIN.email, password = ADMIN.password) {
  const res = await fetch(url("/api/auth/login"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(BASE_URL).origin },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return apiClient({ Cookie: cookie, Origin: new URL(BASE_URL).origin });
}

export function apiClient(headers: Record<string, string>) {
  async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const res = await fetch(url(path), {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, body: json as any };
  }
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => call("POST", path, body, extra),
    put: (path: string, body?: unknown) => call("PUT", path, body),
    patch: (path: string, body?: unknown) => call("PATCH", path, body),
    delete: (path: string) => call("DELETE", path),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;
