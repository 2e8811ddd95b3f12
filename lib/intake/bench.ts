/**
 * Intake transport micro-benchmark. Run by hand: `node --import tsx lib/intake/bench.ts`.
 * Prints µs per operation for a typical 15-field lead, form and JSON, at each layer.
 */
import { parseFormBody, parseJsonBody, parseXmlBody } from "@/lib/intake/body-parsers";
import { handleIntake, type IntakeSourceInfo } from "@/lib/intake/handle-intake";
import { DEFAULT_INTAKE_LIMITS } from "@/lib/intake/limits";
import { parseIntakeRequest } from "@/lib/intake/parse-request";
import { flattenSubmittedData, normalizeTrustedFormKeys } from "@/lib/intake/submitted-data";

const LEAD: Record<string, string> = {
  first_name: "Ann",
  last_name: "Lee",
  email: "ann.lee@example.com",
  phone_1: "(512) 789-1111",
  address_1: "123 Main St",
  address_2: "Apt 4",
  city: "Austin",
  state: "TX",
  postal_code: "78701",
  dob: "1980-04-12",
  gender: "F",
  ip_address: "203.0.113.7",
  trustedform_cert_url: "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567",
  loan_amount: "250000",
  comments: "Call me after 5pm, thanks!",
};
const FORM_BODY = new URLSearchParams(LEAD).toString();
const JSON_BODY = JSON.stringify(LEAD);
const XML_BODY = `<lead>${Object.entries(LEAD)
  .map(([k, v]) => `<${k}>${v}</${k}>`)
  .join("")}</lead>`;
const URL_BASE = "https://leadflow.example/flows/5fd4371e940df5a34a3888b2/sources/6369a0e534c9d4ebe142e0ef/submit";
const encoder = new TextEncoder();

function makeRequest(contentType: string, body: string): Request {
  const bytes = encoder.encode(body);
  return new Request(URL_BASE, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "content-length": String(bytes.byteLength),
      accept: "application/json",
      "user-agent": "bench/1.0",
      "x-forwarded-for": "203.0.113.7",
    },
    body: bytes,
  });
}

async function time(name: string, n: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(n, 2_000); i++) await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const us = ((performance.now() - t0) / n) * 1000;
  console.log(`${name.padEnd(58)} ${us.toFixed(2).padStart(8)} µs`);
  return us;
}

const source: IntakeSourceInfo = { enabled: true, authenticationRequired: false };
const handlers = {
  lookup: () => source,
  process: async () => ({ outcome: "success" as const, leadId: "65a5b3c0e4b0a1b2c3d4e5f6", price: 15 }),
};

async function main(): Promise<void> {
  const N = 50_000;
  const L = DEFAULT_INTAKE_LIMITS;
  console.log(`Node ${process.version}, ${N} iterations each\n`);
  await time("form text → data (parse + TrustedForm + flatten)", N, () => {
    const d = parseFormBody(FORM_BODY, L);
    normalizeTrustedFormKeys(d);
    return flattenSubmittedData(d);
  });
  await time("JSON text → data (parse + caps + TrustedForm + flatten)", N, () => {
    const d = parseJsonBody(JSON_BODY, L);
    normalizeTrustedFormKeys(d);
    return flattenSubmittedData(d);
  });
  await time("XML text → data (validate + parse + caps)", N / 5, () => parseXmlBody(XML_BODY, L));
  const reqCost = await time("  (baseline) new Request(...) only", N, () => makeRequest("application/json", JSON_BODY));
  const formReq = await time("form Request → parsed (read body, decode, parse)", N, () =>
    parseIntakeRequest(makeRequest("application/x-www-form-urlencoded", FORM_BODY), L),
  );
  const jsonReq = await time("JSON Request → parsed (read body, decode, parse)", N, () =>
    parseIntakeRequest(makeRequest("application/json", JSON_BODY), L),
  );
  const full = await time("handleIntake, JSON, no-op engine (whole transport)", N, () =>
    handleIntake(makeRequest("application/json", JSON_BODY), handlers),
  );
  console.log(
    `\nMinus Request construction: form ${(formReq - reqCost).toFixed(1)} µs, JSON ${(jsonReq - reqCost).toFixed(1)} µs, ` +
      `whole transport ${(full - reqCost).toFixed(1)} µs per lead`,
  );
}

void main();
