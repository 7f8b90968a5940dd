import { describe, expect, it } from "vitest";
import { OffpeakError } from "./api";
import { Task } from "./task.svelte";

describe("Task", () => {
  it("is running only while the work runs", async () => {
    const task = new Task();
    let release = () => {};
    const run = task.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(task.running).toBe(true);
    release();
    await run;
    expect(task.running).toBe(false);
    expect(task.failure).toBeNull();
  });

  it("keeps the error's message and clears it on the next run", async () => {
    const task = new Task();
    await task.run(() => Promise.reject(new OffpeakError("offline", "You're offline.")));
    expect(task.failure).toBe("You're offline.");
    expect(task.running).toBe(false);
    await task.run(() => Promise.resolve());
    expect(task.failure).toBeNull();
  });

  it("does not start twice", async () => {
    const task = new Task();
    let calls = 0;
    let release = () => {};
    const first = task.run(() => {
      calls += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    await task.run(async () => {
      calls += 1;
    });
    release();
    await first;
    expect(calls).toBe(1);
  });
});
