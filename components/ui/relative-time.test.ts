import { describe, expect, it } from "vitest";
import { deployedText, relativeTime } from "./relative-time";

const now = new Date("2024-01-15T15:00:00.000Z");

describe("relative times", () => {
  it("words the distance to now", () => {
    expect(relativeTime("2024-01-15T14:55:00.000Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2024-01-14T15:00:00.000Z", now)).toBe("1 day ago");
    expect(relativeTime("2024-01-15T14:59:30.000Z", now)).toBe("just now");
    // A server clock slightly ahead of the browser's is not "in 3 seconds".
    expect(relativeTime("2024-01-15T15:00:03.000Z", now)).toBe("just now");
    expect(relativeTime(null, now)).toBeNull();
    expect(relativeTime("not a date", now)).toBeNull();
  });

  it("says when and which version was deployed", () => {
    expect(deployedText("2024-01-15T14:55:00.000Z", 7, now)).toBe("deployed 5 minutes ago (version 7)");
    expect(deployedText(null, 7, now)).toBe("deployed (version 7)");
    expect(deployedText(null, null, now)).toBe("not deployed");
  });
});
