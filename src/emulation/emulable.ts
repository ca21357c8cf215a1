/**
 * What of a scenario the Linux network stack cannot reproduce honestly, found before anything
 * is built: one refusal per field, naming its path as the file writes it and saying what
 * to do instead. The emulation shapes with HTB, loses with nftables and cuts with nftables
 * and routes; delay needs netem, and some simulator features have no kernel equivalent at all.
 */
import { describeDistribution } from '../engine/distributions.js';
import type { LinkConfig } from '../net/link.js';
import type { LossSpec } from '../net/loss.js';
import type { FieldPath } from '../scenario/errors.js';
import type { FaultSpec } from '../scenario/faults.js';
import type { Scenario } from '../scenario/scenario.js';
import { formatQuantity } from '../scenario/units.js';
import { MAX_LINKS, MAX_NODES } from './addressing.js';
import { NotEmulableError } from './errors.js';

/** What the host offers, as far as the plan cares. */
export interface EmulationCapabilities {
  /** Whether the kernel has the netem qdisc (see kernelHasNetem). */
  readonly netem: boolean;
}

const NO_NETEM = 'this kernel has no netem (CONFIG_NET_SCH_NETEM)';
const DELAY_ADVICE = "set the delay to 0 and msgsim will use the veth's measured latency";
const JITTER =
  "netem draws jitter from its own tables and lets packets overtake each other, unlike msgsim's FIFO jitter; remove it";
const REORDER = "netem reorders by rules of its own, not by the jitter drawn for each message; remove reorder";
const GILBERT_ELLIOTT =
  'netem loses Gilbert–Elliott packets before they are sent, so they would not occupy the link as lost messages do; use a loss probability';

/** Every refusal, in the order of the document (links, then faults). */
export function emulationProblems(scenario: Scenario, capabilities: EmulationCapabilities): NotEmulableError[] {
  const problems: NotEmulableError[] = [];
  const refuse = (path: FieldPath, what: string, reason: string) => problems.push(new NotEmulableError(scenario.name, path, what, reason));
  if (scenario.nodes.length > MAX_NODES) refuse(['nodes'], `${scenario.nodes.length} nodes`, `at most ${MAX_NODES} nodes can be addressed`);
  if (scenario.links.length > MAX_LINKS) refuse(['links'], `${scenario.links.length} links`, `at most ${MAX_LINKS} links can be addressed`);
  scenario.links.forEach((link, index) => linkProblems(link, ['links', index], capabilities, refuse));
  scenario.faults.forEach((fault, index) => faultProblems(fault, ['faults', index], capabilities, refuse));
  return problems;
}

/** Throws the first refusal, if there is one. */
export function assertEmulable(scenario: Scenario, capabilities: EmulationCapabilities): void {
  const [first] = emulationProblems(scenario, capabilities);
  if (first !== undefined) throw first;
}

type Refuse = (path: FieldPath, what: string, reason: string) => void;

/** The refusals of one fault, as {@link emulationProblems} finds them, for a fault applied later on. */
export function faultRefusals(scenario: string, fault: FaultSpec, path: FieldPath, capabilities: EmulationCapabilities): NotEmulableError[] {
  const problems: NotEmulableError[] = [];
  faultProblems(fault, path, capabilities, (at, what, reason) => problems.push(new NotEmulableError(scenario, at, what, reason)));
  return problems;
}

function faultProblems(fault: FaultSpec, path: FieldPath, { netem }: EmulationCapabilities, refuse: Refuse): void {
  if (fault.kind === 'hold' || fault.kind === 'release') {
    refuse(path, `${fault.kind} ${fault.link}`, 'no Linux queue keeps packets at the far end of a link and lets them go in order later');
  } else if (fault.kind === 'clock') {
    refuse(path, `clock ${fault.node}`, 'clock faults cannot be applied to real clocks');
  } else if (fault.kind === 'degrade') {
    if (fault.delaySeconds !== undefined && fault.delaySeconds > 0 && !netem) {
      refuse([...path, 'delay'], formatQuantity(fault.delaySeconds, 'duration'), `${NO_NETEM}; degrade bandwidth or loss only`);
    }
    if (fault.loss !== undefined && typeof fault.loss !== 'number') refuse([...path, 'loss'], lossText(fault.loss), lossReason({ netem }));
  }
}

function linkProblems(link: LinkConfig, path: FieldPath, { netem }: EmulationCapabilities, refuse: Refuse): void {
  const at = (field: string): FieldPath => [...path, field];
  if (link.bandwidthBitsPerSecond < 8) {
    refuse(at('bandwidth'), formatQuantity(link.bandwidthBitsPerSecond, 'bandwidth'), 'Linux shapers count whole bytes per second; use at least 8bps');
  }
  if (link.delaySeconds > 0 && !netem) refuse(at('delay'), formatQuantity(link.delaySeconds, 'duration'), `${NO_NETEM}; ${DELAY_ADVICE}`);
  if (link.jitter !== undefined) refuse(at('jitter'), describeDistribution(link.jitter, (seconds) => formatQuantity(seconds, 'duration')), netem ? JITTER : `${NO_NETEM}; remove the jitter`);
  if (link.reorder === true) refuse(at('reorder'), 'true', netem ? REORDER : `${NO_NETEM}; remove reorder`);
  if (link.loss !== undefined && typeof link.loss !== 'number') refuse(at('loss'), lossText(link.loss), lossReason({ netem }));
  if ((link.duplicate ?? 0) > 0) {
    refuse(at('duplicate'), String(link.duplicate), 'the kernel has no way to queue a copy right behind its message on the same link; set duplicate to 0');
  }
  if ((link.corrupt ?? 0) > 0) {
    refuse(at('corrupt'), String(link.corrupt), "a damaged packet is dropped by the receiver's UDP checksum and looks lost; use loss instead");
  }
  const queue = link.queue;
  if (queue !== undefined && ('messages' in queue ? queue.messages : queue.bytes) === 0) {
    refuse(at('queue'), '0', 'a Linux queue of size 0 refuses every packet, where the simulator still sends one at a time; use at least 1');
  }
}

function lossReason({ netem }: EmulationCapabilities): string {
  return netem ? GILBERT_ELLIOTT : `${NO_NETEM} and nftables draws each packet independently; use a loss probability`;
}

function lossText(loss: LossSpec): string {
  return typeof loss === 'number' ? String(loss) : `gilbert-elliott(p ${loss.p}, r ${loss.r})`;
}
