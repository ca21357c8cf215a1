/**
 * The events of a run's trace, as written one per line to a JSON Lines file: what the
 * network did with each frame, what timers and faults did, and what the application sent and
 * received through the protocol under test. Times are virtual seconds; nodes and links are
 * named as in the scenario; `frame` is the network's message id (a copy made by a
 * duplicating link has an id of its own), `msg` an application message's id.
 */
import type { DropFateName } from '../net/fates.js';

/** Why the network destroyed a frame: the name of its fate in the table of net/fates.ts. */
export type DropCause = DropFateName;

/** A frame handed to the network by a node's transport. */
export interface SendEvent {
  readonly t: number;
  readonly type: 'send';
  readonly frame: number;
  readonly from: string;
  readonly to: string;
  /** Size on the wire. */
  readonly bytes: number;
  /** The flow label the sender gave, if any. */
  readonly flow?: string;
  /** For a copy made by a duplicating link: the frame it copies. */
  readonly copyOf?: number;
}

/** A frame admitted to the queue of one direction of a link (one hop begins). */
export interface EnqueueEvent {
  readonly t: number;
  readonly type: 'enqueue';
  readonly frame: number;
  readonly link: string;
  /** The node whose transmitter took the frame. */
  readonly from: string;
  /** The far end of the hop. */
  readonly to: string;
}

/** A frame's first bit goes on the wire; `end` is when its last bit does. */
export interface TransmitEvent {
  readonly t: number;
  readonly type: 'transmit';
  readonly frame: number;
  readonly link: string;
  readonly from: string;
  readonly to: string;
  readonly end: number;
}

/** A frame reached an intermediate node of its path intact (it is forwarded from there). */
export interface ArriveEvent {
  readonly t: number;
  readonly type: 'arrive';
  readonly frame: number;
  readonly node: string;
}

/** A frame reached its destination node and was handed to the node's transport. */
export interface DeliverEvent {
  readonly t: number;
  readonly type: 'deliver';
  readonly frame: number;
  readonly node: string;
  /** The frame's sender. */
  readonly from: string;
}

/** A frame destroyed: where, and why. */
export interface DropEvent {
  readonly t: number;
  readonly type: 'drop';
  readonly frame: number;
  readonly cause: DropCause;
  /** The node where the frame was when it was destroyed (for a hop: the hop's far end). */
  readonly node: string;
  /** The link it was on, for drops on a hop. */
  readonly link?: string;
}

/** A node's timer was set, fired or cancelled (sleeps are timers too). */
export interface TimerEvent {
  readonly t: number;
  readonly type: 'timer';
  readonly node: string;
  readonly action: 'set' | 'fire' | 'cancel';
  /** The timer's number, unique within the run. */
  readonly timer: number;
  /** For `set`: when it is due, in virtual time. */
  readonly due?: number;
}

/** A fault took effect. */
export interface FaultEvent {
  readonly t: number;
  readonly type: 'fault';
  readonly fault: 'crash' | 'restart' | 'link-down' | 'link-up' | 'hold' | 'release' | 'partition' | 'heal' | 'degrade' | 'clock';
  readonly node?: string;
  readonly link?: string;
  /** For a partition: its groups (nodes in none form one more group). */
  readonly groups?: readonly (readonly string[])[];
  /** For a partition: whether it is one-way. */
  readonly oneWay?: boolean;
}

/** The application asked the protocol on `node` to send message `msg` to `to`. */
export interface AppSendEvent {
  readonly t: number;
  readonly type: 'app_send';
  readonly node: string;
  readonly to: string;
  readonly msg: number;
  /** The message's number among those `node` sent to `to` (0, 1, …). */
  readonly seq: number;
  /** True for a request that expects a reply. */
  readonly request?: boolean;
}

/** The protocol on `node` handed message `msg` from `from` to the application. */
export interface AppDeliverEvent {
  readonly t: number;
  readonly type: 'app_deliver';
  readonly node: string;
  readonly from: string;
  readonly msg: number;
  readonly seq: number;
}

/** The protocol on `node` handed the application the reply to its request `msg`. */
export interface AppReplyEvent {
  readonly t: number;
  readonly type: 'app_reply';
  readonly node: string;
  readonly from: string;
  readonly msg: number;
}

/** An invariant failed here; the trace ends with this event. */
export interface ViolationEvent {
  readonly t: number;
  readonly type: 'violation';
  readonly invariant: string;
  readonly message: string;
}

/** The network's events, about frames. */
export type FrameEvent = SendEvent | EnqueueEvent | TransmitEvent | ArriveEvent | DeliverEvent | DropEvent;
/** The application's events, about messages. */
export type AppEvent = AppSendEvent | AppDeliverEvent | AppReplyEvent;
/** One line of a trace. */
export type TraceEvent = FrameEvent | TimerEvent | FaultEvent | AppEvent | ViolationEvent;
/** The event types, in the order documented. */
export const TRACE_EVENT_TYPES: readonly TraceEvent['type'][] = [
  'send',
  'enqueue',
  'transmit',
  'arrive',
  'deliver',
  'drop',
  'timer',
  'fault',
  'app_send',
  'app_deliver',
  'app_reply',
  'violation',
];
