import { describe, expect, it } from "vitest";
import { popView, pushView, sameView, type View } from "./nav";

const calendar: View = { kind: "calendar" };
const activity: View = { kind: "activity", connectionId: "c1", id: "a1" };
const workout: View = { kind: "workout", connectionId: "c1", id: "w1" };

describe("the back stack", () => {
  it("remembers where the person came from and goes back there", () => {
    let stack = pushView([], calendar, activity);
    stack = pushView(stack, activity, workout);
    expect(stack).toEqual([calendar, activity]);
    const back = popView(stack);
    expect(back.view).toEqual(activity);
    expect(popView(back.stack)).toEqual({ view: calendar, stack: [] });
  });

  it("does not stack the same place twice, nor loop", () => {
    expect(pushView([calendar], activity, { ...activity })).toEqual([calendar]);
    const stack = pushView(pushView([], calendar, activity), activity, workout);
    expect(pushView(stack, workout, activity)).toEqual([calendar]);
  });

  it("treats the calendar as home", () => {
    expect(pushView([calendar, activity], workout, calendar)).toEqual([]);
    expect(popView([]).view).toEqual(calendar);
  });

  it("tells pages apart by their item", () => {
    expect(sameView(activity, { kind: "activity", connectionId: "c1", id: "a2" })).toBe(false);
    expect(sameView({ kind: "coach" }, { kind: "coach" })).toBe(true);
  });
});
