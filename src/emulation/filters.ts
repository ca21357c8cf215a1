/**
 * The nftables rules of one node's namespace: where packets arriving over a link direction
 * are lost (Bernoulli loss) or dropped because the direction is cut (a partition, a link
 * down, a crash). One table, `inet msgsim`, with a prerouting base chain at the `raw`
 * priority that jumps to two chains rewritten as faults come: `faults`, then `loss`.
 *
 * Why prerouting on the receiving side: forwarded packets pass it too, a drop there has
 * cost the sender's shaper the packet's transmission time (as a lost message occupies a
 * simulated link), and the sender's socket is not told (a drop in the sender's output hook
 * would make sendto fail with EPERM). Rules match the arriving interface, so every rule
 * is one direction. Named counters (`lost-<if>`, `cut-<if>`) survive the rewrites, so the
 * drops of each direction can be read at the end.
 *
 * Loss draws `numgen random mod 1e9 < round(p·1e9)`: the kernel's uniform random numbers,
 * so a probability is kept to 1e-9.
 */

/** The modulus of the loss draw: probabilities are kept to its reciprocal. */
export const LOSS_MODULUS = 1_000_000_000;

/** The table's family and name. */
const TABLE = 'inet msgsim';

/** Loss on the direction arriving over `ifname`. */
export interface LossRule {
  readonly ifname: string;
  readonly probability: number;
}

/** `nft -f` input that creates the table of a namespace whose links have these interfaces. */
export function tableScript(ifnames: readonly string[], loss: readonly LossRule[]): string {
  return [
    `table ${TABLE} {`,
    ...ifnames.flatMap((ifname) => [`  counter ${cutCounter(ifname)} { }`, `  counter ${lostCounter(ifname)} { }`]),
    '  chain faults { }',
    '  chain loss { }',
    '  chain prerouting {',
    '    type filter hook prerouting priority raw; policy accept;',
    '    jump faults',
    '    jump loss',
    '  }',
    '}',
    lossScript(loss),
  ].join('\n');
}

/** `nft -f` input that makes `cut` the interfaces whose arriving traffic is dropped. */
export function faultsScript(cut: readonly string[]): string {
  return [`flush chain ${TABLE} faults`, ...cut.map((ifname) => `add rule ${TABLE} faults iifname "${ifname}" counter name "${cutCounter(ifname)}" drop`)].join('\n');
}

/** `nft -f` input that sets the loss of every arriving direction to `loss` (none: no loss). */
export function lossScript(loss: readonly LossRule[]): string {
  const rules = loss
    .filter((rule) => lossThreshold(rule.probability) > 0)
    .map(
      (rule) =>
        `add rule ${TABLE} loss iifname "${rule.ifname}" numgen random mod ${LOSS_MODULUS} < ${lossThreshold(rule.probability)} counter name "${lostCounter(rule.ifname)}" drop`,
    );
  return [`flush chain ${TABLE} loss`, ...rules].join('\n');
}

/** The draw below which a packet is lost. */
export function lossThreshold(probability: number): number {
  return Math.round(probability * LOSS_MODULUS);
}

/** The counter of packets dropped on a cut direction. */
export function cutCounter(ifname: string): string {
  return `cut-${ifname}`;
}

/** The counter of packets lost on a direction. */
export function lostCounter(ifname: string): string {
  return `lost-${ifname}`;
}

/** Packets counted by each named counter, from `nft -j list counters table inet msgsim`. */
export function parseCounters(json: string): Map<string, number> {
  const counters = new Map<string, number>();
  const parsed = JSON.parse(json) as { nftables?: { counter?: { name: string; packets: number } }[] };
  for (const entry of parsed.nftables ?? []) if (entry.counter !== undefined) counters.set(entry.counter.name, entry.counter.packets);
  return counters;
}
