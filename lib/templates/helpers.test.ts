import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compileTemplate, render, TemplateError } from "@/lib/templates";

const vars = {
  lead: {
    first_name: "Michael",
    email: { normal: "ann@example.com", raw: "ANN@Example.com", valid: true },
    dob: { normal: "2015-06-24", raw: "6/24/2015", valid: true, year: 2015, age: 9.5 },
    source_timestamp: { normal: "2015-06-24T17:24:49.000Z", raw: "2015-06-24T12:24:49-05:00", valid: true },
    age: { normal: "30", raw: "30", valid: true, min: 30, max: 30, avg: 30, mid: 30 },
    credit_score: { normal: "700-749", raw: "700 - 749", valid: true, min: 700, max: 749, avg: 724.5, mid: 724 },
    loan_amount: { normal: 50000, raw: "$50,000", valid: true },
    postal_code: { normal: "78751", raw: "78751", valid: true, zip: "78751", four: null },
    ca_postal: { normal: "H3Z 2Y7", raw: "h3z2y7", valid: true, fsa: "H3Z" },
    random_number: 42,
    loan: 72930,
    value: 100000,
    list: [3, 9, 4],
    money: "$1,000",
  },
  submission: { timestamp: "2024-01-15T15:00:00.000Z" },
};
const r = (src: string, v: unknown = vars) => render(src, v);

describe("format: dates (moment.js tokens)", () => {
  it("spec 03 §2.2 examples", () => {
    expect(r('{{format lead.dob format="YYYY-MM-DD"}}')).toBe("2015-06-24");
    expect(r(`{{format "2024-10-12" format="[It's] MMMM Do"}}`)).toBe("It's October 12th");
    expect(r('{{format submission.timestamp format="dddd" timezone="America/New_York"}}')).toBe("Monday"); // §2.3
  });

  it("day-parting vectors (spec 02 §7 #27, #28)", () => {
    expect(r('{{format submission.timestamp format="HHmm" timezone="America/Chicago"}}')).toBe("0900");
    expect(r('{{format submission.timestamp format="dddd" timezone="America/Chicago"}}')).toBe("Monday");
  });

  it("the seed's business-hours template uses the timestamp alias, in UTC without a zone", () => {
    expect(r('{{format timestamp format="HH"}}')).toBe("15");
  });

  const tokens: [string, string][] = [
    ["M", "1"], ["Mo", "1st"], ["MM", "01"], ["MMM", "Jan"], ["MMMM", "January"],
    ["Q", "1"], ["Qo", "1st"],
    ["D", "15"], ["Do", "15th"], ["DD", "15"], ["DDD", "15"], ["DDDo", "15th"], ["DDDD", "015"],
    ["d", "1"], ["do", "1st"], ["dd", "Mo"], ["ddd", "Mon"], ["dddd", "Monday"],
    ["e", "1"], ["E", "1"],
    ["w", "3"], ["wo", "3rd"], ["ww", "03"], ["W", "3"], ["Wo", "3rd"], ["WW", "03"],
    ["YY", "24"], ["YYYY", "2024"], ["Y", "2024"], ["gg", "24"], ["gggg", "2024"], ["GG", "24"], ["GGGG", "2024"],
    ["A", "PM"], ["a", "pm"], ["H", "15"], ["HH", "15"], ["h", "3"], ["hh", "03"], ["k", "15"], ["kk", "15"],
    ["m", "4"], ["mm", "04"], ["s", "5"], ["ss", "05"], ["S", "1"], ["SS", "12"], ["SSS", "123"], ["SSSS", "1230"],
    ["z", "UTC"], ["zz", "UTC"], ["Z", "+00:00"], ["ZZ", "+0000"], ["X", "1705331045"], ["x", "1705331045123"],
    ["LT", "3:04 PM"], ["LTS", "3:04:05 PM"], ["L", "01/15/2024"], ["l", "1/15/2024"],
    ["LL", "January 15, 2024"], ["ll", "Jan 15, 2024"], ["LLL", "January 15, 2024 3:04 PM"],
    ["lll", "Jan 15, 2024 3:04 PM"], ["LLLL", "Monday, January 15, 2024 3:04 PM"], ["llll", "Mon, Jan 15, 2024 3:04 PM"],
    ["[Today is] dddd", "Today is Monday"], ["[Y]YYYY", "Y2024"], ["YYYY-MM-DDTHH:mm:ss.SSSZ", "2024-01-15T15:04:05.123+00:00"],
    ["N", "AD"], ["NNNN", "Anno Domini"], ["y", "2024"],
  ];
  for (const [fmt, expected] of tokens) {
    it(`token ${fmt}`, () => {
      expect(r(`{{format lead.t format="${fmt}"}}`, { lead: { t: "2024-01-15T15:04:05.123Z" } })).toBe(expected);
    });
  }

  it("time zones convert before formatting, with DST, offsets and abbreviations", () => {
    const v = { lead: { w: "2024-01-15T15:00:00Z", s: "2024-07-15T15:00:00Z" } };
    expect(r('{{format lead.w format="HH:mm z Z" timezone="America/Chicago"}}', v)).toBe("09:00 CST -06:00");
    expect(r('{{format lead.s format="HH:mm z ZZ" timezone="America/Chicago"}}', v)).toBe("10:00 CDT -0500");
    expect(r('{{format lead.w format="YYYY-MM-DD HH:mm" timezone="Asia/Kolkata"}}', v)).toBe("2024-01-15 20:30");
    expect(r('{{format lead.w timezone="America/Chicago"}}', v)).toBe("2024-01-15T09:00:00-06:00");
    expect(r('{{format lead.w format="X" timezone="America/Chicago"}}', v)).toBe("1705330800");
  });

  it("a calendar date is the same day in every zone", () => {
    expect(r('{{format lead.dob format="YYYY-MM-DD dddd" timezone="America/Los_Angeles"}}')).toBe("2015-06-24 Wednesday");
    expect(r('{{format lead.dob format="YYYY-MM-DD" timezone="Pacific/Auckland"}}')).toBe("2015-06-24");
  });

  it("12-hour and 24-hour edges", () => {
    const v = { lead: { t: "2024-01-15T00:30:00Z", n: "2024-01-15T12:00:00Z" } };
    expect(r('{{format lead.t format="h:mm A H k"}}', v)).toBe("12:30 AM 0 24");
    expect(r('{{format lead.n format="h A"}}', v)).toBe("12 PM");
  });

  it("week-years around New Year (locale vs ISO weeks)", () => {
    const v = { lead: { a: "2021-01-01", b: "2020-12-31", c: "2024-12-30" } };
    expect(r('{{format lead.a format="w gggg W GGGG E e"}}', v)).toBe("1 2021 53 2020 5 5");
    expect(r('{{format lead.b format="w gggg W GGGG"}}', v)).toBe("1 2021 53 2020");
    expect(r('{{format lead.c format="w gggg W GGGG"}}', v)).toBe("1 2025 1 2025");
  });

  it("locales", () => {
    const v = { lead: { t: "2024-01-15T15:04:05Z", first: "2024-03-01T08:00:00Z" } };
    expect(r('{{format lead.t format="LL" locale="fr"}}', v)).toBe("15 janvier 2024");
    expect(r('{{format lead.t format="dddd LT" locale="fr"}}', v)).toBe("lundi 15:04");
    expect(r('{{format lead.first format="Do MMMM" locale="fr"}}', v)).toBe("1er mars");
    expect(r('{{format lead.t format="L" locale="de"}}', v)).toBe("15.01.2024");
    expect(r('{{format lead.t format="LLLL" locale="de"}}', v)).toBe("Montag, 15. Januar 2024 15:04");
    expect(r('{{format lead.t format="LL" locale="es"}}', v)).toBe("15 de enero de 2024");
    expect(r('{{format lead.t format="ll" locale="es"}}', v)).toBe("15 de ene. de 2024");
    expect(r('{{format lead.t format="L LT" locale="en-GB"}}', v)).toBe("15/01/2024 15:04");
    expect(r('{{format lead.t format="L" locale="xx-unknown"}}', v)).toBe("01/15/2024");
    expect(r('{{format lead.t format="w" locale="fr"}}', v)).toBe("3");
  });

  it("reads typed dates, ISO text with offsets, US dates and text with an explicit zone", () => {
    expect(r('{{format lead.source_timestamp format="X" dataType="Number"}}')).toBe(1435166689);
    const v = {
      lead: {
        off: "2024-01-15T10:00:00-05:00",
        us: "1/15/2024 3:00 PM",
        usShort: "06/24/15",
        js: "Sat Jun 14 2014 13:27:33 GMT-0500 (CDT)",
        space: "2024-01-15 15:00:00",
      },
    };
    expect(r('{{format lead.off format="HH:mm"}}', v)).toBe("15:00");
    expect(r('{{format lead.us format="YYYY-MM-DD HH:mm"}}', v)).toBe("2024-01-15 15:00");
    expect(r('{{format lead.usShort format="YYYY-MM-DD"}}', v)).toBe("2015-06-24");
    expect(r('{{format lead.js format="YYYY-MM-DD HH:mm:ss"}}', v)).toBe("2014-06-14 18:27:33");
    expect(r('{{format lead.space format="HH"}}', v)).toBe("15");
  });

  it("values that are neither dates nor numbers come back unchanged", () => {
    expect(r('{{format lead.first_name format="YYYY"}}')).toBe("Michael");
    expect(r('{{format lead.missing format="YYYY"}}|')).toBe("|");
    expect(r('{{format "2024-02-30" format="YYYY"}}')).toBe("2024-02-30");
  });

  it("an unknown time zone from a variable is a render error", () => {
    const t = compileTemplate('{{format submission.timestamp format="HH" timezone=lead.tz}}');
    expect(() => t.render({ ...vars, lead: { tz: "Nowhere/Land" } })).toThrow(/Unknown time zone/);
    expect(t.render({ ...vars, lead: { tz: "Europe/London" } })).toBe("15");
  });
});

describe("format: numbers (numeral.js format strings)", () => {
  it("spec 03 §2.2 examples", () => {
    expect(r('{{format 1000.234 format="$0,0.00"}}')).toBe("$1,000.23");
    expect(r('{{format 10000 format="0,0"}}')).toBe("10,000");
    expect(r('{{format 1230974 format="0.0a"}}')).toBe("1.2m");
    expect(r('{{format 1 format="0o"}}')).toBe("1st");
    expect(r('{{format -10000 format="(0,0.0000)"}}')).toBe("(10,000.0000)");
  });

  const cases: [number, string, string][] = [
    [10000, "0,0.0000", "10,000.0000"],
    [10000.23, "0,0", "10,000"],
    [10000.23, "+0,0", "+10,000"],
    [-10000, "0,0.0", "-10,000.0"],
    [10000.1234, "0.000", "10000.123"],
    [100.1234, "00000", "00100"],
    [1000.1234, "000000,0", "001,000"],
    [10, "000.00", "010.00"],
    [10000.1234, "0[.]00000", "10000.12340"],
    [-0.23, ".00", "-.23"],
    [-0.23, "(.00)", "(.23)"],
    [0.23, "0.00000", "0.23000"],
    [0.23, "0.0[0000]", "0.23"],
    [1.005, "0.00", "1.01"],
    [1460, "0 a", "1 k"],
    [-104000, "0a", "-104k"],
    [999950, "0.0a", "1.0m"],
    [5444333222111, "0,0 a", "5 t"],
    [1234567, "0.0ak", "1234.6k"],
    [100, "0o", "100th"],
    [22, "0o", "22nd"],
    [13, "0o", "13th"],
    [1000.2, "0,0[.]00 $", "1,000.20 $"],
    [1001, "$ 0,0[.]00", "$ 1,001"],
    [-1000.234, "($0,0)", "($1,000)"],
    [-1000.234, "$0.00", "-$1000.23"],
    [1230974, "($ 0.00 a)", "$ 1.23 m"],
    [100, "0b", "100B"],
    [1024, "0b", "1KB"],
    [2048, "0 ib", "2 KiB"],
    [3072, "0.0 b", "3.1 KB"],
    [7884486213, "0.00b", "7.88GB"],
    [3467479682787, "0.000 ib", "3.154 TiB"],
    [1, "0%", "100%"],
    [0.974878234, "0.000%", "97.488%"],
    [-0.43, "0 %", "-43 %"],
    [0.43, "(0.000 %)", "43.000 %"],
    [25, "00:00:00", "0:00:25"],
    [238, "00:00:00", "0:03:58"],
    [63846, "00:00:00", "17:44:06"],
    [1123456789, "0,0e+0", "1e+9"],
    [12398734.202, "0.00e+0", "1.24e+7"],
    [0.000123987, "0.000e+0", "1.240e-4"],
    [0.0001, "0 BPS", "1 BPS"],
  ];
  for (const [n, fmt, expected] of cases) {
    it(`${n} with "${fmt}"`, () => {
      expect(r(`{{format lead.n format="${fmt}"}}`, { lead: { n } })).toBe(expected);
    });
  }

  it("number-typed, range-typed and numeric strings are numbers", () => {
    expect(r('{{format lead.loan_amount format="$0,0"}}')).toBe("$50,000");
    expect(r('{{format lead.credit_score format="0.0"}}')).toBe("724.5"); // range average
    expect(r('{{format "1234.5" format="0,0.00"}}')).toBe("1,234.50");
    expect(r('{{format lead.money format="0,0.00"}}')).toBe("1,000.00");
  });

  it("locales change delimiters, abbreviations, ordinals and the currency symbol", () => {
    expect(r('{{format 1234.5 format="0,0.00" locale="fr"}}')).toBe("1 234,50");
    expect(r('{{format 1000.234 format="$0,0.00" locale="de"}}')).toBe("€1 000,23");
    expect(r('{{format 1234567 format="0.0a" locale="fr"}}')).toBe("1,2M");
    expect(r('{{format 2 format="0o" locale="es"}}')).toBe("2do");
    expect(r('{{format 1000 format="$0,0" locale="en-gb"}}')).toBe("£1,000");
    expect(r('{{format 1000 format="0,0" locale="nowhere"}}')).toBe("1,000");
  });
});

describe("format: dataType", () => {
  it("spec 03 §2.2 examples", () => {
    expect(r('{{format lead.age dataType="String"}}')).toBe("30");
    expect(r('{{format lead.postal_code dataType="Number"}}')).toBe(78751);
    expect(r('{{format lead.ca_postal dataType="Number"}}')).toBe("H3Z 2Y7");
    expect(r('{{format lead.source_timestamp format="X" dataType="Number"}}')).toBe(1435166689);
  });

  it("inside a longer template the result is text again", () => {
    expect(r('zip {{format lead.postal_code dataType="Number"}}')).toBe("zip 78751");
  });

  it("without format, format returns the value's text", () => {
    expect(r("{{format lead.loan_amount}}")).toBe("50000");
    expect(r('{{format 7 dataType="String"}}')).toBe("7");
    expect(r('{{format true dataType="String"}}')).toBe("true");
  });
});

describe("lowercase / uppercase / substring", () => {
  it("spec examples", () => {
    expect(r("{{lowercase lead.first_name}}", { lead: { first_name: "Mike" } })).toBe("mike");
    expect(r("{{uppercase lead.first_name}}", { lead: { first_name: "Mike" } })).toBe("MIKE");
    expect(r('{{substring lead.first_name start="3"}}')).toBe("chael");
    expect(r('{{substring lead.first_name start="2" end="4"}}')).toBe("ich");
  });

  it("typed values use their normal", () => {
    expect(r("{{uppercase lead.email}}")).toBe("ANN@EXAMPLE.COM");
  });

  it("substring edges", () => {
    expect(r('{{substring lead.first_name start="1" end="1"}}')).toBe("M");
    expect(r('{{substring lead.first_name end="3"}}')).toBe("Mic");
    expect(r('{{substring lead.first_name start="10"}}|')).toBe("|");
    expect(r('{{substring lead.first_name start="5" end="2"}}|')).toBe("|");
    expect(r('{{substring lead.first_name start="0" end="100"}}')).toBe("Michael");
    expect(r('{{substring lead.first_name 3 5}}')).toBe("cha");
    expect(r('{{substring "a😀bc" start="2" end="2"}}')).toBe("😀");
    expect(r('{{substring lead.missing start="2"}}|')).toBe("|");
    expect(r('{{substring 5127891111 start="1" end="3"}}')).toBe("512");
  });
});

describe("replace / extract", () => {
  it("spec examples", () => {
    expect(r('{{replace lead.first_name pattern="Mi" replace="At"}}')).toBe("Atchael");
    expect(r('{{replace lead.first_name pattern="regexp(h.{3})" replace="ke"}}')).toBe("Micke");
    expect(r('{{extract "#John#Doe#Smith" pattern="(?<=#)(\\w+)(?=#)"}}')).toBe("John Doe");
  });

  it("replaces all occurrences; literal patterns and replacements are literal", () => {
    expect(r('{{replace "512-789-1111" pattern="-" replace=""}}')).toBe("5127891111");
    expect(r('{{replace "a.b.c" pattern="." replace="$&"}}')).toBe("a$&b$&c");
    expect(r('{{replace "user@example.com" pattern="@" replace=" at "}}')).toBe("user at example.com");
    expect(r('{{replace "aaa" pattern="" replace="x"}}')).toBe("aaa");
    expect(r('{{replace "abc" replace="x"}}')).toBe("abc");
  });

  it("regex replacements may use groups; flags via regexp(/…/i)", () => {
    expect(r('{{replace "annabelle@example.com" pattern="regexp(^(.{3}).*(@.*))" replace="$1***$2"}}')).toBe("ann***@example.com");
    expect(r('{{replace "MIKE mike" pattern="regexp(/mi/i)" replace="X"}}')).toBe("XKE Xke");
    expect(r('{{replace "(512) 789-1111" pattern="regexp([^\\d])" replace=""}}')).toBe("5127891111");
  });

  it("extract: first group, or the whole match, joined with spaces", () => {
    expect(r('{{extract "Order #12345" pattern="#(\\d+)"}}')).toBe("12345");
    expect(r('{{extract lead.email pattern="@(.+)$"}}')).toBe("example.com");
    expect(r('{{extract "a1b22c333" pattern="\\d+"}}')).toBe("1 22 333");
    expect(r('{{extract "abc" pattern="\\d+"}}|')).toBe("|");
    expect(r('{{extract "abc" pattern="x*"}}|')).toBe("|");
    expect(r('{{extract "a-b" pattern="regexp(/A|B/i)"}}')).toBe("a b");
  });
});

describe("math (expr-eval grammar)", () => {
  const m = (expr: string, v: unknown = vars) => r(`{{math "${expr}"}}`, v);

  it("spec examples", () => {
    expect(m("1 + lead.random_number")).toBe(43);
    expect(r('{{math "lead.loan / lead.value" format="0.[00]%"}}')).toBe("72.93%");
  });

  const cases: [string, number | string][] = [
    ["1 + 2 * 3", 7], ["(1 + 2) * 3", 9], ["2 ^ 3 ^ 2", 512], ["-2 ^ 2", -4], ["2 ^ -1", 0.5],
    ["5!", 120], ["3! + 1", 7], ["10 % 3", 1], ["7 / 2", 3.5], ["-(-3)", 3], ["+'4' + 1", 5],
    ["sqrt 16", 4], ["sqrt(16)", 4], ["abs -5", 5], ["round 2.5", 3], ["ceil(1.2)", 2], ["floor(1.8)", 1],
    ["log(E)", 1], ["ln(1)", 0], ["log10(1000)", 3], ["exp(0)", 1], ["sin(0)", 0], ["cos(0)", 1], ["trunc(-1.7)", -1],
    ["roundTo(3.14159, 2)", 3.14], ["roundTo(PI, 3)", 3.142], ["min(3, 1, 2)", 1], ["max(3, 1, 2)", 3],
    ["pyt(3, 4)", 5], ["pow(2, 10)", 1024], ["atan2(0, 1)", 0], ["fac(5)", 120], ["fac(0)", 1],
    ["if(1 > 0, 10, 20)", 10], ["if(0, 10, 20)", 20],
    ["1 > 0", 1], ["1 < 0", 0], ["1 == 1 and 2 == 3", 0], ["1 == 1 or 2 == 3", 1], ["not 0", 1], ["2 != 2", 0],
    ["1 < 2 ? 5 : 6", 5], ["1 > 2 ? 5 : 1 > 0 ? 7 : 8", 7], ["2 in [1, 2, 3]", 1], ["4 in [1, 2, 3]", 0],
    ["[1, 2, 3][1]", 2], ["length [1, 2, 3]", 3], ["0x10 + 0b11", 19], ["1e3 / 4", 250], [".5 * 4", 2],
    ["1 +", ""], ["foo(1)", ""], ["1 / 0", ""], ["'a' || 'b'", ""], ["[1] || [2]", ""], ["1 = 2", ""], ["(1", ""],
    ["lead.missing + 1", ""],
  ];
  for (const [expr, expected] of cases) {
    it(`"${expr}" → ${JSON.stringify(expected)}`, () => {
      expect(m(expr)).toBe(expected);
    });
  }

  it("variables are converted with num(): typed numbers, ranges, dates, zips, money strings, arrays", () => {
    expect(m("lead.loan_amount * 2")).toBe(100000);
    expect(m("lead.credit_score")).toBe(724.5);
    expect(m("lead.postal_code + 0")).toBe(78751);
    expect(m("lead.money / 10")).toBe(100);
    expect(m("max(lead.list)")).toBe(9);
    expect(m("min(lead.list, 1)")).toBe(1);
    expect(m("lead.list[2]")).toBe(4);
    expect(m("lead.dob")).toBe(Date.UTC(2015, 5, 24));
    expect(m("loan + value")).toBe(172930); // bare names resolve like other paths (spec 02 §2)
  });

  it("kb: math returns numbers only (strings → \"\")", () => {
    expect(r(`{{math "lead.random_number >= 65 ? 'Senior' : 'Adult'"}}|`)).toBe("|");
  });

  it("random(n) stays in range", () => {
    for (let i = 0; i < 20; i++) {
      const v = m("random(10)") as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
    }
  });

  it("dataType, locale and an expression from a variable", () => {
    expect(r('{{math "1 + 1" dataType="String"}}')).toBe("2");
    expect(r('{{math "lead.value / 3" format="0,0.00" locale="fr"}}')).toBe("33 333,33");
    expect(r('{{math "lead.value" format="0,0" dataType="Number"}}')).toBe("100,000");
    expect(r("{{math lead.expr}}", { lead: { expr: "2 * lead.n", n: 21 } })).toBe(42);
    expect(r("{{math lead.expr}}|", { lead: { expr: "2 *" } })).toBe("|");
  });

  it("variables inside #each resolve against the current item first", () => {
    const v = { lead: { items: [{ qty: 2, price: 5 }, { qty: 1, price: 7 }] } };
    expect(r('{{#each lead.items}}{{math "qty * price"}};{{/each}}', v)).toBe("10;7;");
  });
});

describe("hash helpers", () => {
  const node = (alg: string, s: string, enc: "hex" | "base64" | "binary" = "hex") => createHash(alg).update(s, "utf8").digest(enc);

  it("md5 of a typed value hashes its normal; base64 gives 24 characters (spec 03 §2.3)", () => {
    expect(r("{{md5 lead.email}}")).toBe(node("md5", "ann@example.com"));
    const b64 = r('{{md5 lead.email encoding="base64"}}') as string;
    expect(b64).toHaveLength(24);
    expect(b64).toBe(node("md5", "ann@example.com", "base64"));
    expect(r('{{md5 lead.email encoding="latin1"}}')).toBe(node("md5", "ann@example.com", "binary"));
  });

  it("several arguments are concatenated; salt= is appended last (equivalent)", () => {
    expect(r('{{md5 lead.email "salt"}}')).toBe(node("md5", "ann@example.comsalt"));
    expect(r('{{md5 lead.email salt="salt"}}')).toBe(r('{{md5 lead.email "salt"}}'));
    expect(r('{{sha256 lead.first_name lead.email salt="x"}}')).toBe(node("sha256", "Michaelann@example.comx"));
  });

  it("every algorithm", () => {
    for (const alg of ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ripemd160"]) {
      expect(r(`{{${alg} "abc"}}`)).toBe(node(alg, "abc"));
    }
    expect(r('{{ripemd "abc"}}')).toBe("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    expect(r('{{sha256 "abc"}}')).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(r('{{md4 "abc"}}')).toBe("a448017aaf21d8525fc10ae87aa6729d");
    expect(r('{{md4 "message digest"}}')).toBe("d9130a8164549fe818874806e1c7014b");
    expect(r('{{whirlpool "abc"}}')).toBe(
      "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebdb6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5",
    );
  });

  it("hashing nothing renders empty (an absent value never becomes a matching hash)", () => {
    expect(r("{{md5 lead.missing}}|")).toBe("|");
    expect(r('{{md5 lead.missing salt="x"}}|')).toBe("|");
  });

  it("an unknown encoding from a variable is a render error", () => {
    expect(() => r("{{md5 lead.first_name encoding=lead.enc}}", { lead: { first_name: "a", enc: "rot13" } })).toThrow(TemplateError);
  });
});
