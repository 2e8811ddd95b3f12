/**
 * Parse throughput of the field types (run: `node --import tsx lib/types/benchmark.ts`).
 * Exported so bench/ can include the numbers in BENCHMARKS.md.
 */
import { parseField } from "./index";

export interface TypesBenchmark {
  phonesPerSecond: number;
  phonesWithExtensionPerSecond: number;
  emailsPerSecond: number;
  datesPerSecond: number;
  leadsPerSecond: number;
  fieldsPerLead: number;
}

function rate(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(i); // warm up JIT and caches
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return Math.round(n / ((performance.now() - start) / 1000));
}

const FIRST = ["Ann", "Bob", "Carla", "Dev", "Eve"];
const DOMAINS = ["gmail.com", "yahoo.com", "acme-widgets.com", "example.org", "outlook.com"];
const STATES = ["TX", "texas", "CA", "ny", "Ontario"];

/** A typical 15-field lead, varied per index so caches see realistic spread. */
function lead(i: number): Array<[string, unknown]> {
  const area = 200 + (i % 780);
  const ex = 200 + ((i * 7) % 790);
  return [
    ["first_name", FIRST[i % 5]],
    ["last_name", "Lee"],
    ["email", `${FIRST[i % 5]}.${i}@${DOMAINS[i % 5]}`],
    ["phone", `(${area}) ${ex}-${String(i % 10_000).padStart(4, "0")}`],
    ["phone", `${area}${ex}${String((i * 3) % 10_000).padStart(4, "0")}`],
    ["street", `${100 + (i % 900)} Main St`],
    ["city", "Austin"],
    ["state", STATES[i % 5]],
    ["postal_code", String(10_000 + (i % 89_999))],
    ["dob", `${1 + (i % 12)}/${1 + (i % 28)}/19${50 + (i % 49)}`],
    ["ip", `10.${i % 256}.${(i >> 8) % 256}.${i % 200}`],
    ["boolean", i % 2 ? "yes" : "no"],
    ["range", "700-749"],
    ["trustedform_url", "https://cert.trustedform.com/a1028cbb41b876744fa752eec276bec0e4c48b33"],
    ["time", "2024-01-15T15:00:00Z"],
  ];
}

export function benchmarkTypes(n = 200_000): TypesBenchmark {
  const phones = Array.from({ length: 1000 }, (_, i) => `(${200 + (i % 780)}) ${200 + ((i * 13) % 790)}-${String((i * 7919) % 10_000).padStart(4, "0")}`);
  const leads = Array.from({ length: 1000 }, (_, i) => lead(i));
  return {
    phonesPerSecond: rate(n, (i) => parseField("phone", phones[i % 1000])),
    phonesWithExtensionPerSecond: rate(n / 10, (i) => parseField("phone", `${phones[i % 1000]} x${i % 100}`)),
    emailsPerSecond: rate(n, (i) => parseField("email", `Someone.${i}@${DOMAINS[i % 5]}`)),
    datesPerSecond: rate(n, (i) => parseField("dob", `${1 + (i % 12)}/${1 + (i % 28)}/1980`)),
    leadsPerSecond: rate(n / 5, (i) => {
      const out: Record<number, unknown> = {};
      const fields = leads[i % 1000];
      for (let k = 0; k < fields.length; k++) out[k] = parseField(fields[k][0], fields[k][1]);
      return out;
    }),
    fieldsPerLead: 15,
  };
}

if (process.argv[1]?.endsWith("benchmark.ts")) console.log(benchmarkTypes());
