/**
 * The runtime's live event feed: timers set, fired and cancelled on each node, and clock
 * faults. Together with the network's observer it gives a complete account of a run as it
 * happens; without an observer the runtime pays one field check per timer.
 */

/** Receives the runtime's events; nodes are network node indexes, timers their handles. */
export interface RuntimeObserver {
  /** A timer (or a sleep) was set on `node`, due at true time `due`. */
  timerSet(node: number, timer: number, due: number): void;
  /** A timer fired on `node`; its callback runs next. */
  timerFired(node: number, timer: number): void;
  /** Protocol code cancelled a pending timer on `node`. */
  timerCancelled(node: number, timer: number): void;
  /** A clock fault stepped or re-rated `node`'s clock. */
  clockAdjusted(node: number): void;
}
