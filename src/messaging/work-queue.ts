/**
 * A work queue with competing consumers, as in RabbitMQ-like brokers.
 *
 * Producers send tasks ["t", id, body, wireBytes] to the broker, which queues them in order. Consumers
 * announce themselves with ["c", prefetch, epoch] when they start. The broker hands each
 * queued task, as ["w", task, redelivered, body], to the next consumer (round robin) that has
 * fewer than `prefetch` tasks unacknowledged; a consumer runs its handler and answers
 * ["k", task]. A consumer that leaves a task unacknowledged for `ackTimeout` is taken for
 * dead, and one that announces itself with a new epoch (it restarted; the epoch lives in its
 * durable store) lost its work: either way its unacknowledged tasks go back to the front of
 * the queue, marked redelivered. Work has its task's size on the wire (`wireBytes`, null
 * when the producer did not pad it). A task may thus run more than once (at-least-once
 * processing), also when a consumer is merely slower than the timeout. Timers run only while
 * tasks are out, so a finished workload leaves no events behind.
 *
 * A task is one logical message, opened by the producer (receiver: the broker), which finds
 * it by the producer's task id; the broker binds its own task id (which work frames carry)
 * to it for each consumer it hands the task to. Its frames all belong to it; it counts
 * dispatches to consumers as attempts and hand-overs to a consumer's handler as deliveries
 * (more than one: the task ran again), and is settled when the first completion reaches the
 * broker. The broker's own state is volatile: a broker crash loses its queue.
 */
import { NO_TIMER } from '../runtime/seam.js';
import { frameOptions, type EndpointCore, type FrameOptions, type SendOptions } from './endpoint.js';
import { Kind } from './frames.js';
import { Pattern, Settlement, keysOf, type KeySpace } from './observer.js';

/** Processes a task; may be async (the task is done when it resolves). */
export type TaskHandler = (body: unknown) => unknown;

/** A producer's task ids and their key spaces, by broker, per endpoint (one incarnation of a node). */
const producers = new WeakMap<EndpointCore, { nextId: number; keys: Map<string, KeySpace> }>();

/** Sends a task to a work-queue broker. */
export function submitTask(endpoint: EndpointCore, broker: string, body: unknown, options: SendOptions = {}): void {
  let producer = producers.get(endpoint);
  if (producer === undefined) producers.set(endpoint, (producer = { nextId: 0, keys: new Map() }));
  const id = producer.nextId++;
  const row = endpoint.observer.open(options.flow, Pattern.WorkQueue, endpoint.address, broker);
  keysOf(producer.keys, broker, () => endpoint.observer.keys('task', endpoint.address, broker)).bind(id, row);
  endpoint.sendFrame(broker, [Kind.Task, id, body, options.wireBytes ?? null], frameOptions(options, row, undefined, true));
}

interface QueuedTask {
  readonly id: number;
  readonly row: number;
  readonly body: unknown;
  /** The task's size on the wire, which work handed out for it has too (null: not padded). */
  readonly wireBytes: number | null;
  readonly flow: string | undefined;
  redelivered: boolean;
  /** The acknowledgement timeout while dispatched. */
  timer: number;
}

interface ConsumerState {
  prefetch: number;
  epoch: number;
  readonly unacked: Map<number, QueuedTask>;
}

/** The broker's queue and its view of the consumers. */
export class WorkQueueBroker {
  private nextId = 0;
  private readonly queue: QueuedTask[] = [];
  private readonly consumers = new Map<string, ConsumerState>();
  private turn = 0;
  /** Key spaces: tasks by producer, work by consumer. */
  private readonly taskKeys = new Map<string, KeySpace>();
  private readonly workKeys = new Map<string, KeySpace>();

  /**
   * @param ackTimeoutSeconds how long a consumer may hold a task unacknowledged before it
   *   is taken for dead
   * @param workOptions how tasks are sent to consumers (delivery; the size of work whose task
   *   does not carry one)
   */
  constructor(
    private readonly endpoint: EndpointCore,
    private readonly ackTimeoutSeconds: number,
    private readonly workOptions: SendOptions = {},
  ) {
    endpoint.on(Kind.Task, (frame, from) => {
      const [, producerId, body, wireBytes] = frame as readonly [string, number, unknown, number | null];
      const row = keysOf(this.taskKeys, from, () => endpoint.observer.keys('task', from, endpoint.address)).find(producerId);
      this.queue.push({ id: this.nextId++, row, body, wireBytes, flow: endpoint.observer.flowOf(row), redelivered: false, timer: NO_TIMER });
      this.dispatch();
    });
    endpoint.on(Kind.Consumer, (frame, from) => {
      const [, prefetch, epoch] = frame as readonly [string, number, number];
      this.heard(from, prefetch, epoch);
    });
    endpoint.on(Kind.TaskDone, (frame, from) => {
      const task = this.consumers.get(from)?.unacked.get(frame[1] as number);
      if (task === undefined) return;
      this.consumers.get(from)!.unacked.delete(task.id);
      endpoint.clock.cancelTimer(task.timer);
      endpoint.observer.settle(task.row, Settlement.Completed);
      this.dispatch();
    });
  }

  /** Tasks waiting in the queue. */
  get queued(): number {
    return this.queue.length;
  }

  private heard(consumer: string, prefetch: number, epoch: number): void {
    const known = this.consumers.get(consumer);
    if (known !== undefined && known.epoch === epoch) {
      known.prefetch = prefetch;
    } else {
      if (known !== undefined) this.requeue(known);
      this.consumers.set(consumer, { prefetch, epoch, unacked: new Map() });
    }
    this.dispatch();
  }

  /** Hands queued tasks to consumers with room, round robin. */
  private dispatch(): void {
    const names = [...this.consumers.keys()];
    while (this.queue.length > 0 && names.length > 0) {
      let target: string | undefined;
      for (let k = 0; k < names.length && target === undefined; k++) {
        const name = names[(this.turn + k) % names.length]!;
        const state = this.consumers.get(name)!;
        if (state.unacked.size < state.prefetch) {
          target = name;
          this.turn = (this.turn + k + 1) % names.length;
        }
      }
      if (target === undefined) return;
      const task = this.queue.shift()!;
      const consumer = this.consumers.get(target)!;
      consumer.unacked.set(task.id, task);
      task.timer = this.endpoint.clock.setTimer(this.ackTimeoutSeconds, () => {
        // Held too long: the consumer is taken for dead and loses all it holds.
        if (this.consumers.get(target) !== consumer) return;
        this.requeue(consumer);
        this.consumers.delete(target);
        this.dispatch();
      });
      const options: FrameOptions = { ...this.workOptions, role: 'work', row: task.row, related: true };
      if (task.flow !== undefined) options.flow = task.flow;
      if (task.wireBytes !== null) options.wireBytes = task.wireBytes;
      const observer = this.endpoint.observer;
      keysOf(this.workKeys, target, () => observer.keys('work', this.endpoint.address, target)).bind(task.id, task.row);
      observer.attempt(task.row);
      this.endpoint.sendFrame(target, [Kind.Work, task.id, task.redelivered, task.body], options);
    }
  }

  /** Puts a consumer's unacknowledged tasks back at the front of the queue, in order. */
  private requeue(state: ConsumerState): void {
    const tasks = [...state.unacked.values()].sort((a, b) => a.id - b.id);
    for (const task of tasks) {
      task.redelivered = true;
      this.endpoint.clock.cancelTimer(task.timer);
    }
    this.queue.unshift(...tasks);
    state.unacked.clear();
  }
}

/** A consumer: announces itself to the broker, runs tasks, reports them done. */
export class WorkQueueConsumer {
  /**
   * @param prefetch most tasks it holds unacknowledged at once
   * @param handler runs one task
   * @param doneOptions how announcements and completions are sent (delivery)
   */
  constructor(endpoint: EndpointCore, broker: string, prefetch: number, handler: TaskHandler, doneOptions: SendOptions = {}) {
    const storage = endpoint.context.storage;
    const epoch = (storage.get<number>('work-queue/epoch') ?? 0) + 1;
    storage.set('work-queue/epoch', epoch);
    endpoint.sendFrame(broker, [Kind.Consumer, prefetch, epoch], doneOptions);
    let workKeys: KeySpace | undefined;
    endpoint.on(Kind.Work, (frame, from) => {
      const [, task, , body] = frame as readonly [string, number, boolean, unknown];
      const observer = endpoint.observer;
      const row = (workKeys ??= observer.keys('work', from, endpoint.address)).find(task);
      observer.delivered(row);
      const flow = observer.flowOf(row);
      const options: FrameOptions = flow === undefined ? { ...doneOptions, role: 'done', row, related: true } : { ...doneOptions, flow, role: 'done', row, related: true };
      const done = (): void => endpoint.sendFrame(broker, [Kind.TaskDone, task], options);
      const result = handler(body);
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        return (result as PromiseLike<unknown>).then(done);
      }
      done();
      return undefined;
    });
  }
}
