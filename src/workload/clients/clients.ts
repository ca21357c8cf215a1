/**
 * Clients that drive a workload, as Jepsen's do in Maelstrom: `concurrency` client threads,
 * each running one operation at a time against its node (thread i talks to node i mod n),
 * fed by one generator at `rate` operations per second in all (successive operations
 * `U(0, 2/rate)` apart, Jepsen's stagger; an operation goes to a free thread picked at
 * random, and one due while every thread is busy waits for the first to be free). Each operation is recorded as it happens: `invoke`, then `ok`,
 * `fail` (a definite error) or `info` (an indefinite error or no reply within `timeout`:
 * its outcome is unknown). After an `info` the thread goes on as a new process, numbered
 * `concurrency` higher, for the old one may still have its operation in flight.
 *
 * After `duration` no new operation starts; after `recovery` more, each thread runs the
 * workload's final operations (a final read; then any the workload decides as it goes), and
 * when every thread is done the clients call `onDone`.
 */
import { isDefinite, type Body, type Message } from '../../messaging/maelstrom/body.js';
import type { RandomSource, Runtime } from '../../runtime/seam.js';
import type { ProgramHost } from '../program-host.js';
import type { HistoryEntry } from './history.js';
import type { ClientWorkload, GeneratorContext, Invocation } from './workload.js';

/** How the clients run. */
export interface ClientOptions {
  /** Client threads. */
  readonly concurrency: number;
  /** Operations per second, over all threads (> 0). */
  readonly rate: number;
  /** Main phase: operations start until this time, in seconds. */
  readonly durationSeconds: number;
  /** An operation without a reply after this long is recorded `info`. */
  readonly timeoutSeconds: number;
  /** Wait after the main phase before the final operations, in seconds. */
  readonly recoverySeconds: number;
  /** The nodes clients talk to: thread i talks to nodes[i mod n]. */
  readonly nodes: readonly string[];
}

interface Thread {
  readonly index: number;
  readonly node: string;
  process: number;
  /** The client id the thread's current process sends as. */
  client: string;
  nextMsgId: number;
  /** The operation in flight, if any. */
  op: { readonly invocation: Invocation; readonly msgId: number; readonly timer: number } | undefined;
  /** Final operations issued so far. */
  finals: number;
  final: boolean;
  /** The thread has no final operation left. */
  finalDone: boolean;
  /** A final operation waits for its delay. */
  finalWaiting: boolean;
}

/** Receives each history entry as the clients record it. */
export type HistoryListener = (entry: HistoryEntry) => void;

/** The clients of a run; see the module comment. */
export class Clients {
  /** The history so far, in the order entries happened. */
  readonly history: HistoryEntry[] = [];
  private readonly threads: Thread[];
  private generated = 0;
  /** An operation of the main phase is due but waits for a free thread. */
  private waiting = false;
  private finished = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly host: ProgramHost,
    private readonly workload: ClientWorkload,
    private readonly options: ClientOptions,
    private readonly random: RandomSource,
    private readonly onDone: () => void = () => {},
    private readonly listener?: HistoryListener,
  ) {
    if (!(options.rate > 0)) throw new RangeError(`clients: rate must be > 0 operations per second, got ${options.rate}`);
    if (options.nodes.length === 0) throw new RangeError('clients: no nodes to talk to');
    this.threads = Array.from({ length: options.concurrency }, (_, index) => ({
      index,
      node: options.nodes[index % options.nodes.length]!,
      process: index,
      client: '',
      nextMsgId: 0,
      op: undefined,
      finals: 0,
      final: false,
      finalDone: false,
      finalWaiting: false,
    }));
    for (const thread of this.threads) this.becomeProcess(thread, thread.index);
  }

  /** Starts the generator and schedules the final phase. */
  start(): void {
    this.scheduleNext(0);
    const clock = this.runtime.clock;
    clock.setTimer(this.options.durationSeconds + this.options.recoverySeconds - clock.now(), () => this.startFinalPhase());
  }

  /** The next operation of the main phase falls due `U(0, 2/rate)` after `from`. */
  private scheduleNext(from: number): void {
    const due = from + this.random.uniform() * (2 / this.options.rate);
    if (due >= this.options.durationSeconds) return;
    const clock = this.runtime.clock;
    clock.setTimer(due - clock.now(), () => this.dueNow());
  }

  private dueNow(): void {
    const free = this.threads.filter((t) => t.op === undefined && !t.final);
    if (free.length === 0) {
      this.waiting = true;
      return;
    }
    const thread = free[Math.floor(this.random.uniform() * free.length)]!;
    this.issueGenerated(thread);
  }

  /** Gives `thread` the generator's next operation, and schedules the one after it. */
  private issueGenerated(thread: Thread): void {
    const invocation = this.workload.next(this.context(thread));
    this.generated++;
    this.issue(thread, invocation);
    this.scheduleNext(this.runtime.clock.now());
  }

  private context(thread: Thread): GeneratorContext {
    const { concurrency, nodes } = this.options;
    return { random: this.random, process: thread.process, count: this.generated, time: this.runtime.clock.now(), threads: concurrency, nodes };
  }

  private startFinalPhase(): void {
    this.waiting = false;
    for (const thread of this.threads) {
      thread.final = true;
      if (thread.op === undefined) this.nextFinal(thread);
    }
    this.checkDone();
  }

  private nextFinal(thread: Thread): void {
    const op = this.workload.finalOps[thread.finals];
    if (op !== undefined) {
      thread.finals++;
      this.issue(thread, op);
      return;
    }
    const step = this.workload.finalNext?.(this.context(thread));
    if (step === undefined) {
      thread.finalDone = true;
      return;
    }
    thread.finals++;
    if (!(step.delaySeconds > 0)) {
      this.issue(thread, step.op);
      return;
    }
    thread.finalWaiting = true;
    this.runtime.clock.setTimer(step.delaySeconds, () => {
      thread.finalWaiting = false;
      this.issue(thread, step.op);
    });
  }

  private issue(thread: Thread, invocation: Invocation): void {
    const clock = this.runtime.clock;
    this.record({ process: thread.process, type: 'invoke', f: invocation.f, ...keyOf(invocation), value: invocation.value ?? null, time: clock.now() });
    const msgId = thread.nextMsgId++;
    const timer = clock.setTimer(this.options.timeoutSeconds, () => this.timedOut(thread, msgId));
    thread.op = { invocation, msgId, timer };
    const body: Body = { ...this.workload.request(invocation), msg_id: msgId };
    this.host.deliver(thread.client, thread.node, body);
  }

  private receive(thread: Thread, process: number, message: Message): void {
    const op = thread.op;
    const body = message.body;
    // A reply to an earlier process of the thread, or a duplicate: its operation is already settled.
    if (op === undefined || process !== thread.process || body.in_reply_to !== op.msgId) return;
    this.runtime.clock.cancelTimer(op.timer);
    if (body.type === 'error') {
      const code = typeof body['code'] === 'number' ? body['code'] : 13;
      const text = typeof body['text'] === 'string' ? `: ${body['text']}` : '';
      this.settle(thread, isDefinite(code) ? 'fail' : 'indefinite', `error ${code}${text}`);
      return;
    }
    let value: unknown;
    try {
      value = this.workload.complete(op.invocation, body);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      this.settle(thread, 'indefinite', `malformed reply: ${error.message}`);
      return;
    }
    this.settle(thread, 'ok', undefined, value);
  }

  private timedOut(thread: Thread, msgId: number): void {
    if (thread.op?.msgId !== msgId) return;
    this.settle(thread, 'indefinite', 'timeout');
  }

  /** Records how the thread's operation ended and moves the thread on. */
  private settle(thread: Thread, how: 'ok' | 'fail' | 'indefinite', error: string | undefined, value?: unknown): void {
    const { invocation } = thread.op!;
    thread.op = undefined;
    const type = how === 'indefinite' ? (this.workload.readOnly.has(invocation.f) ? 'fail' : 'info') : how;
    const entry: HistoryEntry = {
      process: thread.process,
      type,
      f: invocation.f,
      ...keyOf(invocation),
      value: type === 'ok' ? (value ?? null) : (invocation.value ?? null),
      ...(error === undefined ? {} : { error }),
      time: this.runtime.clock.now(),
    };
    this.record(entry);
    if (type === 'info') this.becomeProcess(thread, thread.process + this.options.concurrency);
    if (thread.final) {
      this.nextFinal(thread);
      this.checkDone();
      return;
    }
    if (this.waiting) {
      this.waiting = false;
      this.issueGenerated(thread);
    }
  }

  private becomeProcess(thread: Thread, process: number): void {
    thread.process = process;
    thread.client = `c${process + 1}`;
    thread.nextMsgId = 0;
    this.host.addClient(thread.client, (message) => this.receive(thread, process, message));
  }

  private checkDone(): void {
    if (this.finished) return;
    if (this.threads.every((t) => t.final && t.finalDone && t.op === undefined && !t.finalWaiting)) {
      this.finished = true;
      this.onDone();
    }
  }

  private record(entry: HistoryEntry): void {
    this.history.push(entry);
    this.listener?.(entry);
  }
}

function keyOf(invocation: Invocation): { key?: string | number } {
  return invocation.key === undefined ? {} : { key: invocation.key };
}
