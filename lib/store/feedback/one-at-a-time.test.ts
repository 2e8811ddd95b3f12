import { describe, expect, it } from "vitest";
import { oneAtATime } from "./one-at-a-time";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("oneAtATime", () => {
  it("runs tasks of one key in arrival order, never two at once; other keys run alongside", async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      running--;
      return name;
    };
    const other = oneAtATime("b", async () => {
      log.push("other");
      return "other";
    });
    const results = await Promise.all([oneAtATime("a", task("1")), oneAtATime("a", task("2")), other]);
    expect(results).toEqual(["1", "2", "other"]);
    expect(most).toBe(1);
    expect(log.indexOf("1 end")).toBeLessThan(log.indexOf("2 start"));
    expect(log.indexOf("other")).toBeLessThan(log.indexOf("1 end"));
  });

  it("a failing task rejects its own caller only; the next task still runs", async () => {
    const failed = oneAtATime("c", async () => {
      throw new Error("boom");
    });
    const next = oneAtATime("c", async () => "ok");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
