/**
 * What `npm run bench:peers` runs each round, in order: per model, msgsim's own case, the
 * ns-3 programs and the SimPy program, each a command whose one JSON line of figures holds
 * the rate under `figure`. Adding a side is one entry here.
 */

/** The models compared, with the unit of their rates. */
export const MODELS = {
  hold: { unit: 'events/s' },
  'p2p-saturated': { unit: 'messages/s' },
} as const;

/** A model's name. */
export type Model = keyof typeof MODELS;

/** The name msgsim's own sides go by; every other side's rate is compared with its. */
export const MSGSIM = 'msgsim';

/** Where the programs are, once found or built. */
export interface Programs {
  /** The Node.js that runs msgsim's cases (this process's own). */
  readonly node: string;
  /** dist/bench/main.js, which runs one of msgsim's cases with `--case NAME`. */
  readonly msgsimBench: string;
  /** The Python that has SimPy. */
  readonly python: string;
  /** The directory of the peers' sources (hold.py, p2p.py, …). */
  readonly sources: string;
  /** The compiled ns-3 programs, by source name. */
  readonly ns3: Readonly<Record<Ns3Program, string>>;
}

/** A command line: the program and its arguments. */
export type Command = readonly [program: string, args: readonly string[]];

/** One program run once a round. */
export interface Side {
  readonly model: Model;
  /** How the table names it: `msgsim`, `ns-3 HeapScheduler`, `SimPy`. */
  readonly name: string;
  /** What one run does, for the table: `5,000,000 events`. */
  readonly work: string;
  /** The key of the rate in the program's JSON line. */
  readonly figure: string;
  readonly command: (programs: Programs) => Command;
}

/** A side whose rate each round is the best of other sides' rates that round. */
export interface BestOf {
  readonly model: Model;
  readonly name: string;
  /** The sides it chooses from, by name. */
  readonly of: readonly string[];
}

/** The ns-3 programs, each compiled from `NAME.cc` in the sources' directory. */
export const NS3_PROGRAMS = ['hold', 'p2p'] as const;

/** An ns-3 program's name. */
export type Ns3Program = (typeof NS3_PROGRAMS)[number];

/** ns-3's schedulers the hold model runs on; ListScheduler is left out, being O(n) per event. */
export const NS3_SCHEDULERS = ['ns3::MapScheduler', 'ns3::HeapScheduler', 'ns3::CalendarScheduler', 'ns3::PriorityQueueScheduler'] as const;

/** Events and messages of one run, as msgsim's cases (src/bench/cases.ts) have them. */
const HOLD_EVENTS = 5_000_000;
const P2P_MESSAGES = 1_000_000;
/**
 * SimPy's runs are shorter, to keep a round under a minute: at its rates (about 0.5 M events
 * and 90 k messages a second here) the full counts would take 10 s each. A rate is a rate:
 * the hold model's 10,000 pending events make its cost per event the same over a shorter run.
 */
const SIMPY_HOLD_EVENTS = 1_000_000;
const SIMPY_P2P_MESSAGES = 200_000;

const count = (n: number, what: string): string => `${n.toLocaleString('en-US')} ${what}`;

function ns3Hold(scheduler: string): Side {
  return {
    model: 'hold',
    name: `ns-3 ${scheduler.replace(/^ns3::/, '')}`,
    work: count(HOLD_EVENTS, 'events'),
    figure: 'events_per_s',
    command: (programs) => [programs.ns3.hold, [scheduler, String(HOLD_EVENTS)]],
  };
}

function ns3P2p(name: string, mode: string): Side {
  return {
    model: 'p2p-saturated',
    name,
    work: count(P2P_MESSAGES, 'messages'),
    figure: 'messages_per_s',
    command: (programs) => [programs.ns3.p2p, [mode, String(P2P_MESSAGES)]],
  };
}

/** Every side, in the order a round runs them. */
export const SIDES: readonly Side[] = [
  {
    model: 'hold',
    name: MSGSIM,
    work: count(HOLD_EVENTS, 'events'),
    figure: 'events_per_s',
    command: (programs) => [programs.node, [programs.msgsimBench, '--case', 'hold']],
  },
  ...NS3_SCHEDULERS.map(ns3Hold),
  {
    model: 'hold',
    name: 'SimPy',
    work: count(SIMPY_HOLD_EVENTS, 'events'),
    figure: 'events_per_s',
    command: (programs) => [programs.python, [`${programs.sources}/hold.py`, String(SIMPY_HOLD_EVENTS)]],
  },
  {
    model: 'p2p-saturated',
    name: MSGSIM,
    work: count(P2P_MESSAGES, 'messages'),
    figure: 'messages_per_s',
    command: (programs) => [programs.node, [programs.msgsimBench, '--case', 'p2p-saturated']],
  },
  ns3P2p('ns-3 NetDevice', 'device'),
  ns3P2p('ns-3 UDP/IPv4', 'udp'),
  {
    model: 'p2p-saturated',
    name: 'SimPy',
    work: count(SIMPY_P2P_MESSAGES, 'messages'),
    figure: 'messages_per_s',
    command: (programs) => [programs.python, [`${programs.sources}/p2p.py`, String(SIMPY_P2P_MESSAGES)]],
  },
];

/** ns-3's hold figure: the fastest scheduler of each round. */
export const BEST: readonly BestOf[] = [{ model: 'hold', name: 'ns-3 best', of: NS3_SCHEDULERS.map((scheduler) => ns3Hold(scheduler).name) }];
