import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchHttp } from "./http";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (url.pathname === "/echo") {
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
      } else if (url.pathname === "/slow") setTimeout(() => res.end("late"), 500);
      else if (url.pathname === "/huge") res.end("x".repeat(1024 * 1024 + 10));
      else if (url.pathname === "/redirect") {
        res.writeHead(302, { Location: String(url.searchParams.get("to")) });
        res.end();
      } else res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function port(allowHosts: string) {
  process.env.LEADFLOW_DELIVERY_ALLOW_HOSTS = allowHosts;
  return fetchHttp();
}
const post = (url: string, followRedirects = false) => ({ method: "POST", url, headers: { "Content-Type": "text/plain", Authorization: "Bearer t0k3n" }, body: "hello", followRedirects });

describe("outbound HTTP port", () => {
  it("sends the request and records status, headers and body", async () => {
    const r = await port("127.0.0.1").send(post(`${base}/echo`), 2000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response).toMatchObject({ status: 200, statusText: "OK", truncated: false, version: "1.1" });
    expect(JSON.parse(r.response.body)).toEqual({ method: "POST", body: "hello", auth: "Bearer t0k3n" });
    expect(r.response.headers["content-type"]).toBe("application/json");
    expect(r.response.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(r.endedAt).toBeGreaterThanOrEqual(r.startedAt);
  });

  it("refuses private targets unless allow-listed: literal addresses and names", async () => {
    const none = port("");
    expect(await none.send(post(`${base}/echo`), 2000)).toMatchObject({ ok: false, error: "refused", message: "URL must be public" });
    expect(await none.send(post(`http://localhost:1/echo`), 2000)).toMatchObject({ ok: false, error: "refused" });
    expect(await none.send(post(`http://10.1.2.3/echo`), 2000)).toMatchObject({ ok: false, error: "refused" });
    expect(await none.send(post(`ftp://example.com/x`), 2000)).toMatchObject({ ok: false, error: "refused", message: "URL must be valid" });
  });

  it("judges every redirect hop: a redirect to a private address is refused at connect time", async () => {
    const http1 = port("127.0.0.1");
    const blocked = await http1.send(post(`${base}/redirect?to=${encodeURIComponent("http://127.0.0.2:9/secret")}`, true), 2000);
    expect(blocked).toMatchObject({ ok: false, error: "refused" });
    const allowed = await http1.send(post(`${base}/redirect?to=${encodeURIComponent(`${base}/plain`)}`, true), 2000);
    expect(allowed.ok && allowed.response.body).toBe("ok");
    const manual = await http1.send(post(`${base}/redirect?to=/plain`), 2000);
    expect(manual.ok && manual.response.status).toBe(302);
  });

  it("times out over the whole exchange, cuts bodies at 1 MiB, reports connection errors", async () => {
    const p = port("127.0.0.1");
    expect(await p.send(post(`${base}/slow`), 100)).toMatchObject({ ok: false, error: "timeout" });
    const huge = await p.send(post(`${base}/huge`), 5000);
    expect(huge.ok && huge.response.truncated).toBe(true);
    expect(huge.ok && huge.response.body.length).toBe(1024 * 1024);
    expect(await p.send(post(`http://127.0.0.1:1/`), 2000)).toMatchObject({ ok: false, error: "connection", code: "ECONNREFUSED" });
  });
});
