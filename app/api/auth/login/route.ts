import { randomUUID } from "node:crypto";
import { readJson } from "@/lib/server/api";
import { ApiError, toErrorResponse } from "@/lib/server/errors";
import { login } from "@/lib/server/auth/login";
import { sessionCookie } from "@/lib/server/auth/session";
import { clientIp, requestOrigin, sameOrigin } from "@/lib/server/request-origin";
import { loginBodySchema } from "@/lib/schemas/auth";

export async function POST(request: Request) {
  const requestId = request.headers.get("x-request-id") || randomUUID();
  try {
    // Login CSRF: a foreign page must not sign a browser into an account of its choosing.
    if (request.headers.get("origin") && !sameOrigin(request)) throw new ApiError("forbidden", "Cross-origin sign-in refused");
    const body = await readJson(request, loginBodySchema);
    const { user, token, expiresAt } = await login({
      ...body,
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent") ?? undefined,
    });
    const secure = requestOrigin(request).startsWith("https:");
    return Response.json(
      { id: user.id, email: user.email, name: user.name, role: user.role },
      { headers: { "Set-Cookie": sessionCookie(token, expiresAt, secure), "X-Request-Id": requestId } },
    );
  } catch (err) {
    return toErrorResponse(err, requestId);
  }
}
