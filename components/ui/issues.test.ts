import { describe, expect, it } from "vitest";
import { issuesByField, joinPath } from "./issues";

describe("issuesByField", () => {
  it("puts each issue at the control its path starts with, joining several", () => {
    expect(
      issuesByField([
        { path: "email", message: "must be an e-mail address" },
        { path: "params.start", message: "start and end are given when the report is run" },
        { path: "email", message: "is taken" },
        { path: "", message: "The request is not valid" },
      ]),
    ).toEqual({ email: "must be an e-mail address; is taken", params: "start and end are given when the report is run", form: "The request is not valid" });
  });

  it("joins document paths, leaving controls without a target alone", () => {
    expect(joinPath("steps", 2, "feedback", "return")).toBe("steps.2.feedback.return");
    expect(joinPath(undefined, "rule_set")).toBeUndefined();
  });
});
