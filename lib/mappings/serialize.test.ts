import { describe, expect, it } from "vitest";
import {
  appendQuery,
  buildFormBody,
  buildJsonBody,
  buildXmlBody,
  compileMappings,
  formPairs,
  MappingError,
  requestText,
  requestValue,
  toAscii,
  type Mapping,
} from "@/lib/mappings";

/** Map `property → value` pairs through a real mapping list, as a recipient step would. */
function mapped(pairs: Record<string, unknown>, vars: unknown = {}): Record<string, unknown> {
  const list: Mapping[] = Object.entries(pairs).map(([property, value]) => ({ property, value }));
  return compileMappings(list).apply(vars).values;
}

const typed = {
  postal_code: { normal: "78704", raw: "78704", valid: true, zip: "78704" },
  phone: { normal: "5127891111x123", raw: "512-789-1111 x123", valid: true },
  boolean: { normal: true, raw: "T", valid: true },
  gender: { normal: "female", raw: "F", valid: true, abbr: "F" },
  number: { normal: 100000, raw: "$100,000.00", valid: true },
  range: { normal: "1000-2000", raw: "1,000-2,000", valid: true, min: 1000, max: 2000, avg: 1500 },
};

describe("request values", () => {
  it("typed values as their normal, invalid ones as raw", () => {
    expect(requestValue(typed.number)).toBe(100000);
    expect(requestValue({ normal: null, raw: "foo", valid: false })).toBe("foo");
    expect(requestValue({ normal: "964523331", raw: "964523331 ", valid: false })).toBe("964523331 ");
    expect(requestValue({ normal: "x" })).toBe("x");
    expect(requestText(typed.boolean)).toBe("true");
    expect(requestText(undefined)).toBe("");
  });

  it("arrays drop absent, null and empty elements but keep 0 and false", () => {
    expect(requestValue(["a", null, "", undefined, 0, false, "b"])).toEqual(["a", 0, false, "b"]);
  });

  it("things that cannot be sent disappear", () => {
    expect(requestValue({ a: NaN, b: () => 1, c: new Map(), d: 1 })).toEqual({ d: 1 });
    expect(requestValue(new Date("2024-01-15T15:00:00Z"))).toBe("2024-01-15T15:00:00.000Z");
  });

  it("send_ascii transliterates", () => {
    expect(toAscii("José Müller-Straße Øresund “quoted” – ok…")).toBe('Jose Muller-Strasse Oresund "quoted" - ok...');
    expect(requestValue({ n: "Mêl", t: { normal: "Zoë", raw: "Zoë", valid: true } }, { ascii: true })).toEqual({ n: "Mel", t: "Zoe" });
    expect(toAscii("plain")).toBe("plain");
  });
});

describe("JSON bodies (spec 05 §3, ap-code json.js)", () => {
  it("vector 17: all-numeric top-level keys make a root array", () => {
    const v = mapped({ "json_property.0.id": "1", "json_property.1.id": "2" });
    expect(buildJsonBody(v.json_property)).toBe('[{"id":"1"},{"id":"2"}]');
  });

  it("nothing mapped → {}", () => {
    expect(buildJsonBody(undefined)).toBe("{}");
    expect(buildJsonBody(mapped({ url: "https://x" }).json_property)).toBe("{}");
  });

  it("dot notation, arrays, array values and compaction", () => {
    expect(buildJsonBody(mapped({ "json_property.foo.bar.baz": "bip" }).json_property)).toBe('{"foo":{"bar":{"baz":"bip"}}}');
    expect(buildJsonBody(mapped({ "json_property.foo.bar.baz.0": "bip", "json_property.foo.bar.baz.1": "bap" }).json_property)).toBe(
      '{"foo":{"bar":{"baz":["bip","bap"]}}}',
    );
    expect(buildJsonBody(mapped({ "json_property.foo.bar.baz": ["bip", "bap"] }).json_property)).toBe('{"foo":{"bar":{"baz":["bip","bap"]}}}');
    expect(buildJsonBody(mapped({ "json_property.foo.0": "baz", "json_property.foo.1": null, "json_property.foo.2": "bip" }).json_property)).toBe(
      '{"foo":["baz","bip"]}',
    );
    expect(
      buildJsonBody(mapped({ "json_property.0.foo.bar": "baz", "json_property.2.foo.bip": "bap", "json_property.2.foo.bar": "bip" }).json_property),
    ).toBe('[{"foo":{"bar":"baz"}},{"foo":{"bip":"bap","bar":"bip"}}]');
  });

  it("typed values are normalized (ap-code 'should normalize rich types')", () => {
    const v = mapped(
      Object.fromEntries(Object.keys(typed).map((k) => [`json_property.${k}`, `{{lead.${k}}}`])),
      { lead: typed },
    );
    expect(buildJsonBody(v.json_property)).toBe(
      '{"postal_code":"78704","phone":"5127891111x123","boolean":true,"gender":"female","number":100000,"range":"1000-2000"}',
    );
    expect(buildJsonBody({ phones: [typed.phone, { normal: "5127892222x456", valid: true }] })).toBe(
      '{"phones":["5127891111x123","5127892222x456"]}',
    );
    expect(buildJsonBody({ number: { normal: null, raw: "foo", valid: false } })).toBe('{"number":"foo"}');
  });

  it("send_ascii", () => {
    expect(buildJsonBody({ fname: "Mêl", lname: "Gibson" }, { ascii: true })).toBe('{"fname":"Mel","lname":"Gibson"}');
    expect(buildJsonBody({ fname: "Mêl" })).toBe('{"fname":"Mêl"}');
  });
});

describe("form bodies (ap-code form.js)", () => {
  it("vector 19: repeated names from numeric segments, holes dropped", () => {
    const v = mapped(
      { "form_field.phone.0": "5127891111", "form_field.phone.1": "{{lead.phone_2}}", "form_field.phone.2": "5127892222" },
      { lead: {} },
    );
    expect(buildFormBody(v.form_field)).toBe("phone=5127891111&phone=5127892222");
  });

  it("nested keys are dotted; values and names URL-encoded", () => {
    expect(buildFormBody({ contact: { email: "a@b.co", "first name": "A&B" }, n: 5, t: true })).toBe(
      "contact.email=a%40b.co&contact.first%20name=A%26B&n=5&t=true",
    );
  });

  it("encode_form_field_names=false leaves names alone but still encodes values", () => {
    expect(buildFormBody({ "lead[email]": "a@b.co" }, { encodeNames: false })).toBe("lead[email]=a%40b.co");
    expect(buildFormBody({ "lead[email]": "a@b.co" })).toBe("lead%5Bemail%5D=a%40b.co");
  });

  it("arrays of objects are indexed; typed values normalized", () => {
    expect(formPairs({ items: [{ name: "a" }, { name: "b" }], phone: typed.phone })).toEqual([
      ["items.0.name", "a"],
      ["items.1.name", "b"],
      ["phone", "5127891111x123"],
    ]);
    expect(buildFormBody(undefined)).toBe("");
  });
});

describe("query URLs (ap-code query.js, spec 05 §3.3)", () => {
  it("vector 21: & when the URL already has a query", () => {
    expect(appendQuery("https://b.example/in?src=lf", { email: "a@b.co" })).toBe("https://b.example/in?src=lf&email=a%40b.co");
  });
  it("? otherwise; fragments stay last; nothing to add leaves the URL", () => {
    expect(appendQuery("https://b.example/in", { a: "1", b: ["x", "y"] })).toBe("https://b.example/in?a=1&b=x&b=y");
    expect(appendQuery("https://b.example/in#top", { a: "1" })).toBe("https://b.example/in?a=1#top");
    expect(appendQuery("https://b.example/in?", { a: "1" })).toBe("https://b.example/in?a=1");
    expect(appendQuery("https://b.example/in", {})).toBe("https://b.example/in");
  });
});

describe("XML bodies (ap-code xml.js, spec 05 §3.3)", () => {
  it("vector 20: elements, an attribute, declaration and two-space indent", () => {
    const v = mapped({ "xml_path.lead.name": "Ann", "xml_path.lead.dob@year": "1976" });
    expect(buildXmlBody(v.xml_path)).toBe('<?xml version="1.0"?>\n<lead>\n  <name>Ann</name>\n  <dob year="1976"/>\n</lead>');
  });

  it("dot notation, repeated elements, compaction and array values", () => {
    expect(buildXmlBody(mapped({ "xml_path.foo.bar.baz": "bip" }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar>\n    <baz>bip</baz>\n  </bar>\n</foo>',
    );
    expect(buildXmlBody(mapped({ "xml_path.foo.bar.baz.0": "bip", "xml_path.foo.bar.baz.1": "bap" }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar>\n    <baz>bip</baz>\n    <baz>bap</baz>\n  </bar>\n</foo>',
    );
    expect(buildXmlBody(mapped({ "xml_path.foo.bar.0": "bip", "xml_path.foo.bar.2": "bap" }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar>bip</bar>\n  <bar>bap</bar>\n</foo>',
    );
    expect(buildXmlBody(mapped({ "xml_path.foo.bar.baz": ["bip", "bap"] }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar>\n    <baz>bip</baz>\n    <baz>bap</baz>\n  </bar>\n</foo>',
    );
  });

  it("attributes with text, and on repeated elements", () => {
    expect(buildXmlBody(mapped({ "xml_path.foo.bar@id": "123", "xml_path.foo.bar": "baz" }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar id="123">baz</bar>\n</foo>',
    );
    expect(buildXmlBody(mapped({ "xml_path.foo.bar.0.@id": "123", "xml_path.foo.bar.0.#text": "baz" }).xml_path)).toBe(
      '<?xml version="1.0"?>\n<foo>\n  <bar id="123">baz</bar>\n</foo>',
    );
  });

  it("typed values normalized, invalid as raw", () => {
    const v = mapped(
      Object.fromEntries(Object.keys(typed).map((k) => [`xml_path.lead.${k}`, `{{lead.${k}}}`])),
      { lead: typed },
    );
    expect(buildXmlBody(v.xml_path)).toBe(
      '<?xml version="1.0"?>\n<lead>\n  <postal_code>78704</postal_code>\n  <phone>5127891111x123</phone>\n  <boolean>true</boolean>\n  <gender>female</gender>\n  <number>100000</number>\n  <range>1000-2000</range>\n</lead>',
    );
    expect(buildXmlBody({ number: { normal: null, raw: "foo", valid: false } })).toBe('<?xml version="1.0"?>\n<number>foo</number>');
  });

  it("escapes text and attribute values; send_ascii", () => {
    expect(buildXmlBody({ lead: { "note@by": 'A "B"', note: "Smith & <Sons>" } })).toBe(
      '<?xml version="1.0"?>\n<lead>\n  <note by="A &quot;B&quot;">Smith &amp; &lt;Sons&gt;</note>\n</lead>',
    );
    expect(buildXmlBody({ lead: { fname: "Mêl" } }, { ascii: true })).toBe('<?xml version="1.0"?>\n<lead>\n  <fname>Mel</fname>\n</lead>');
  });

  it("nothing mapped → the declaration alone", () => {
    expect(buildXmlBody(undefined)).toBe('<?xml version="1.0"?>');
    expect(buildXmlBody({})).toBe('<?xml version="1.0"?>');
  });

  it("refuses documents that are not well-formed", () => {
    expect(() => buildXmlBody({ a: "1", b: "2" })).toThrow(MappingError);
    expect(() => buildXmlBody({ lead: ["a", "b"] })).toThrow(/one root/);
    expect(() => buildXmlBody({ lead: { "first name": "x" } })).toThrow(/not a valid XML element name/);
    expect(() => buildXmlBody({ lead: { "1abc": "x" } })).toThrow(/not a valid XML/);
    expect(() => buildXmlBody(["a"])).toThrow(MappingError);
  });
});
