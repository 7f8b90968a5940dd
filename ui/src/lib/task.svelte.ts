// One button's worth of work against the backend: whether it is running, and what went wrong
// the last time, in words for the person.
import { toOffpeakError } from "./api";

export class Task {
  running = $state(false);
  failure = $state<string | null>(null);

  /** Runs `work` unless it is already running; a rejection becomes `failure`, never a throw. */
  async run(work: () => Promise<unknown>): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.failure = null;
    try {
      await work();
    } catch (err) {
      this.failure = toOffpeakError(err).message;
    } finally {
      this.running = false;
    }
  }
}
