import { describe, expect, it } from "vitest";
import { eventIdMappingProperty, requestCarriesEventId } from "./steps";

describe("the event id a recipient needs for feedback", () => {
  it("is found in any mapped value that renders {{event_id}}", () => {
    expect(requestCarriesEventId([{ value: "{{lead.email}}" }, { value: "{{ event_id }}" }])).toBe(true);
    expect(requestCarriesEventId([{ value: "https://buyer.example/in?ref={{event_id}}" }])).toBe(true);
    expect(requestCarriesEventId([{ value: ["a", "{{event_id}}"] }])).toBe(true);
    expect(requestCarriesEventId([{ value: "event_id" }, { value: "{{lead.event_id}}" }, { value: null }])).toBe(false);
    expect(requestCarriesEventId(undefined)).toBe(false);
  });

  it("is mapped under the format's own property prefix", () => {
    expect(eventIdMappingProperty("custom.outbound.json")).toBe("json_property.event_id");
    expect(eventIdMappingProperty("custom.outbound.form")).toBe("form_field.event_id");
    expect(eventIdMappingProperty("custom.outbound.query")).toBe("parameter.event_id");
    expect(eventIdMappingProperty(undefined)).toBe("event_id");
  });
});
