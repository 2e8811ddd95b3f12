import { describe, expect, it } from "vitest";
import { parsePhone } from "./phone";
import { NANP_KEYING, NanpPrefixCache, analyseNanp } from "./phone-prefix";

describe("phone: spec 01 §4 table", () => {
  const table: Array<[string, string, string | undefined, string | undefined, string | null, boolean | undefined, boolean]> = [
    ["(512) 789-1111", "5127891111", "512", "7891111", null, false, true],
    ["8775551212", "8775551212", "877", "5551212", null, true, true],
    ["5127891111 x 44", "5127891111x44", "512", "7891111", null, false, true],
    ["512-789-1111 (m)", "5127891111", "512", "7891111", "mobile", false, true],
    ["964523331", "964523331", undefined, undefined, null, undefined, false],
  ];
  for (const [input, normal, area, number, type, tollfree, valid] of table) {
    it(input, () => {
      const p = parsePhone(input);
      expect(p.normal).toBe(normal);
      expect(p.area).toBe(area);
      expect(p.number).toBe(number);
      expect(p.type).toBe(type);
      expect(p.is_tollfree).toBe(tollfree);
      expect(p.valid).toBe(valid);
    });
  }

  it("gives the full component set of the spec example", () => {
    expect(parsePhone("(512) 789-1111")).toEqual({
      normal: "5127891111", raw: "(512) 789-1111", valid: true,
      area: "512", exchange: "789", line: "1111", number: "7891111",
      extension: null, country_code: "US", country_calling_code: 1, type: null, is_tollfree: false,
    });
  });
});

describe("phone: accepted forms", () => {
  const forms = [
    "2813308004", "281-330-8004", "281.330.8004", "281 330 8004", "(281) 330-8004",
    "1 (281) 330-8004", "+1 281 330 8004", "+1 (281) 330-8004", "12813308004", "+12813308004",
  ];
  for (const f of forms) {
    it(f, () => {
      const p = parsePhone(f);
      expect(p.valid).toBe(true);
      expect(p.normal).toBe("2813308004");
      expect(p.area).toBe("281");
      expect(p.exchange).toBe("330");
      expect(p.line).toBe("8004");
      expect(p.raw).toBe(f);
    });
  }

  const extensions = ["281-330-8004 x201", "281-330-8004 ext 201", "281-330-8004 ext. 201", "281-330-8004 extension 201", "281-330-8004 #201", "2813308004x201", "281-330-8004 x 201"];
  for (const f of extensions) {
    it(`extension: ${f}`, () => {
      const p = parsePhone(f);
      expect(p.valid).toBe(true);
      expect(p.normal).toBe("2813308004x201");
      expect(p.extension).toBe("201");
      expect(p.number).toBe("3308004");
    });
  }

  it("accepts a JSON number", () => {
    const p = parsePhone(5127891111);
    expect(p).toMatchObject({ normal: "5127891111", raw: 5127891111, valid: true, area: "512" });
  });
});

describe("phone: line-type hints", () => {
  const hints: Array<[string, string, string]> = [
    ["5127891111m", "mobile", "5127891111"],
    ["5127891111 (c)", "mobile", "5127891111"],
    ["5127891111 h", "home", "5127891111"],
    ["5127891111w", "work", "5127891111"],
    ["512-789-1111 (W)", "work", "512-789-1111"],
    ["512-789-1111 ( H )", "home", "512-789-1111"],
    ["512-789-1111 M", "mobile", "512-789-1111"],
    ["512-789-1111 x 44 (c)", "mobile", "512-789-1111 x 44"],
  ];
  for (const [input, type, raw] of hints) {
    it(input, () => {
      const p = parsePhone(input);
      expect(p.type).toBe(type);
      expect(p.raw).toBe(raw);
      expect(p.valid).toBe(true);
    });
  }

  it("raw keeps the untrimmed original minus the hint", () => {
    expect(parsePhone("  5127891111 (m)  ").raw).toBe("  5127891111");
  });

  it("keeps the hint on an unparseable number", () => {
    expect(parsePhone("12345 m")).toEqual({ normal: "12345", raw: "12345", valid: false, type: "mobile" });
  });

  it("a trailing word is not a hint", () => {
    expect(parsePhone("call mom").type).toBeNull();
  });
});

describe("phone: other countries, masks, invalid input", () => {
  it("parses non-NANP numbers with a + prefix", () => {
    const p = parsePhone("+49 30 22610");
    expect(p).toMatchObject({ normal: "3022610", area: "30", number: "22610", country_code: "DE", country_calling_code: 49 });
    expect(p.exchange).toBeUndefined();
    expect(p.line).toBeUndefined();
  });

  it("assigns the region the library assigns within NANP", () => {
    expect(parsePhone("+1 416 555 0123").country_code).toBe("CA");
    expect(parsePhone("512 789 1111").country_code).toBe("US");
    expect(parsePhone("787 555 0123").country_code).toBe("PR");
  });

  it("numbers the library rejects are invalid but decomposed when of possible length", () => {
    const p = parsePhone("123-456-7890");
    expect(p.valid).toBe(false);
    expect(p.normal).toBe("1234567890");
  });

  it("unparseable input keeps normal = input and has no components", () => {
    expect(parsePhone("donkey kong")).toEqual({ normal: "donkey kong", raw: "donkey kong", valid: false, type: null });
  });

  it("tolerates masked digits and calls them valid", () => {
    const p = parsePhone("512-789-****");
    expect(p).toMatchObject({ valid: true, normal: "512789****", area: "512", exchange: "789", line: "****", number: "789****" });
    const q = parsePhone("(***) ***-1111");
    expect(q).toMatchObject({ valid: true, normal: "******1111", area: "***", line: "1111", is_tollfree: false });
    const r = parsePhone("512-789-1111 x**");
    expect(r).toMatchObject({ valid: true, normal: "5127891111x**", extension: "**" });
  });

  it("is toll free for exactly the listed area codes", () => {
    for (const area of ["800", "844", "855", "866", "877", "888"]) expect(parsePhone(`${area}5550123`).is_tollfree).toBe(true);
    expect(parsePhone("8335550123").is_tollfree).toBe(false);
  });
});

describe("phone: fast path is exact", () => {
  it("derives the cache keying from the installed metadata", () => {
    // libphonenumber-js 1.13: 6 digits in general, 7 for Barbados 246521x (pattern 246521[0369]\d{3}).
    expect(NANP_KEYING.base).toBe(6);
    expect(NANP_KEYING.deep).toContainEqual({ literal: "246521", length: 7 });
  });

  it("falls back to whole-number keys when the metadata is not as expected", () => {
    const meta = (pattern: string, leading: string | 0 = 0) => ({
      country_calling_codes: { 1: ["US"] },
      countries: { US: ["1", "011", pattern, [10], [], "1", 0, 0, 0, 0, leading, [[pattern]]] },
    });
    expect(analyseNanp(meta("[2-9]\\d{9}"))).toEqual({ base: 3, deep: [] });
    expect(analyseNanp(meta("52[2-9]\\d{7}|5234[2-9]\\d{2}"))).toEqual({ base: 3, deep: [{ literal: "5234", length: 8 }, { literal: "5234", length: 8 }] });
    expect(analyseNanp(meta("[2-9]\\d{8}[0-5]")).base).toBe(10);
    expect(analyseNanp(meta("[2-9]\\d{2}[2-9]\\d{2}[0-5]\\d{3}")).base).toBe(10);
    expect(analyseNanp(meta("[2-9]\\d{9}", "8001|8[024]9")).base).toBe(4);
    expect(analyseNanp(meta("[2-9]\\d{9}", "8\\d+")).base).toBe(10);
    expect(analyseNanp(null).base).toBe(10);
  });

  it("the prefix cache answers from the dense table and the deep list", () => {
    const cache = new NanpPrefixCache({ base: 3, deep: [{ literal: "2465", length: 5 }] });
    let calls = 0;
    const compute = () => {
      calls++;
      return { valid: true, country: "US" };
    };
    cache.get("5127891111", false, compute);
    cache.get("5120000000", false, compute);
    expect(calls).toBe(1);
    cache.get("5127891111", true, compute);
    expect(calls).toBe(2); // international form is keyed separately
    cache.get("2465100000", false, compute);
    cache.get("2465199999", false, compute);
    cache.get("2465200000", false, compute);
    expect(calls).toBe(4);
  });

  it("matches the library on random NANP numbers in many formats", () => {
    // Known prefixes first: Barbados' 7-digit pattern, Puerto Rico, Canada, toll free, invalid.
    for (const n of ["2465210123", "2465211123", "2465213123", "7875550123", "4165550123", "8005550123", "5555550123", "2226822822"]) {
      for (const input of [n, `+1${n}`, `1-${n}`]) expect(parsePhone(input), input).toEqual(parsePhone(input, false));
    }
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const digits = (n: number) => Array.from({ length: n }, () => String(rand(10))).join("");
    const formats = [
      (a: string, e: string, l: string) => `${a}${e}${l}`,
      (a: string, e: string, l: string) => `(${a}) ${e}-${l}`,
      (a: string, e: string, l: string) => `${a}-${e}-${l}`,
      (a: string, e: string, l: string) => `${a}.${e}.${l}`,
      (a: string, e: string, l: string) => `1 ${a} ${e} ${l}`,
      (a: string, e: string, l: string) => `+1 (${a}) ${e}-${l}`,
      (a: string, e: string, l: string) => `+1${a}${e}${l}`,
      (a: string, e: string, l: string) => `1${a}${e}${l}`,
      (a: string, e: string, l: string) => `${a}) ${e}--${l}`,
      (a: string, e: string, l: string) => `(${a})${e}.${l}`,
      (a: string, e: string, l: string) => `-${a} ${e}${l}.`,
      (a: string, e: string, l: string) => `${a} ${e} ${l} `,
    ];
    let compared = 0;
    for (let prefix = 0; prefix < 1500; prefix++) {
      // Bias toward real area codes but include 0/1-leading and odd ones.
      const area = prefix % 10 === 0 ? digits(3) : `${2 + rand(8)}${digits(2)}`;
      const exchange = digits(3);
      const lineStart = digits(1); // several numbers per 7-digit prefix exercise cache hits
      for (let k = 0; k < 8; k++) {
        const input = formats[rand(formats.length)](area, exchange, lineStart + digits(3));
        expect(parsePhone(input), input).toEqual(parsePhone(input, false));
        compared++;
      }
    }
    expect(compared).toBe(12000);
  });

  it("matches the library with punctuation sprinkled anywhere", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const punct = [" ", "(", ")", "-", ".", "", "", ""];
    const prefixes = ["", "", "1", "+1", "+", "1 ", "+1 ", "11", "+11"];
    for (let i = 0; i < 4000; i++) {
      let input = prefixes[rand(prefixes.length)];
      const n = 9 + rand(3); // 9 to 11 digits
      for (let k = 0; k < n; k++) input += String(k === 0 ? 2 + rand(8) : rand(10)) + punct[rand(punct.length)];
      expect(parsePhone(input), input).toEqual(parsePhone(input, false));
    }
  });

  it("matches the library across the Caribbean and Pacific NANP regions", () => {
    const areas = ["246", "264", "268", "284", "340", "345", "441", "473", "649", "658", "664", "670", "671", "684",
      "721", "758", "767", "784", "787", "809", "829", "849", "868", "869", "876", "939", "416", "604", "800", "900"];
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const area of areas) {
      for (let e = 0; e < 40; e++) {
        const exchange = String(200 + rand(800));
        for (let k = 0; k < 4; k++) {
          const national = `${area}${exchange}${String(rand(10_000)).padStart(4, "0")}`;
          for (const input of [national, `+1 ${national}`]) expect(parsePhone(input), input).toEqual(parsePhone(input, false));
        }
      }
    }
  });
});
