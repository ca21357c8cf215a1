/**
 * Round-trip checks of a request/reply flow with a constant service time, over requests sent
 * once and answered once:
 *
 *   rtt_idle     the first request whose request and reply both found their paths idle:
 *                RTT = request delay + service + reply delay, each delay Σ (size/bandwidth
 *                + propagation) over its hops
 *   rtt_mean     mean RTT against the same sum with each delay from the hop schedule
 *   rtt_matched  requests whose RTT equals that sum
 *
 * and `timeout_exact`: every request that timed out was settled exactly `timeout` after it
 * was sent, in virtual time. RTTs are measured from the ledger (true time), delays from the
 * journal. Clock faults on the client or server exclude the flow (their timers run on the
 * node's clock).
 */
import { ulp } from '../../engine/time.js';
import { labelOf, Settlement } from '../../messaging/observer.js';
import { Outcome } from '../../net/outcome.js';
import type { RequestReplyFlowSpec } from '../../workload/request-reply.js';
import { hopsOf } from '../paths.js';
import { framesOf } from '../traces.js';
import type { DeliveryContext } from './context.js';
import { idleFormulaDelay, predictedDelay } from './delay.js';
import { countRow, EXACT_RELATIVE_TOLERANCE, exactRow, type CheckRow } from './rows.js';

const FORMULA = 'request delay + service + reply delay';

/** rtt_idle, rtt_mean, rtt_matched and timeout_exact. */
export function requestReplyRows(flow: DeliveryContext<RequestReplyFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  if (run.record.nodeFaults.some((fault) => fault.kind === 'clock' && (fault.node === spec.from || fault.node === spec.to))) return [];
  return [...rttRows(flow), ...timeoutRows(flow)];
}

function rttRows(flow: DeliveryContext<RequestReplyFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  if (spec.service.kind !== 'constant') return [];
  const service = spec.service.value;
  const ledger = run.record.ledger;
  const measured: number[] = [];
  const expected: number[] = [];
  const slacks: number[] = [];
  let idle: CheckRow | undefined;
  for (const row of flow.rows) {
    if (ledger.settlement[row] !== Settlement.Replied) continue;
    const pair = exchange(flow, row);
    if (pair === undefined) continue;
    const requestDelay = predictedDelay(run, pair.request);
    const replyDelay = predictedDelay(run, pair.reply);
    if (Number.isNaN(requestDelay) || Number.isNaN(replyDelay)) continue;
    const rtt = ledger.settledAt[row]! - ledger.openedAt[row]!;
    const hops = hopsOf(run.paths, pair.request).length + hopsOf(run.paths, pair.reply).length;
    // Each addition on the way (arrivals, the service timer, the reply's arrival) rounds once at the clock's magnitude.
    const slack = (hops + 3) * ulp(ledger.settledAt[row]!);
    measured.push(rtt);
    expected.push(requestDelay + service + replyDelay);
    slacks.push(slack);
    if (idle === undefined) {
      const idleRequest = idleFormulaDelay(run, pair.request);
      const idleReply = idleFormulaDelay(run, pair.reply);
      if (idleRequest !== undefined && idleReply !== undefined) {
        idle = exactRow(spec.name, 'rtt_idle', rtt, idleRequest + service + idleReply, `${FORMULA}, delays Σ hops (size/bandwidth + delay)`, {
          abs: slack,
          tolerance: `rel<=${EXACT_RELATIVE_TOLERANCE} or (hops+3)ulp(t)`,
        });
      }
    }
  }
  if (measured.length === 0) return [];
  const matched = measured.filter((rtt, i) => Math.abs(rtt - expected[i]!) <= Math.max(EXACT_RELATIVE_TOLERANCE * expected[i]!, slacks[i]!)).length;
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const allowance = Math.max(...slacks);
  return [
    ...(idle === undefined ? [] : [idle]),
    exactRow(spec.name, 'rtt_mean', mean(measured), mean(expected), `${FORMULA} (hop schedule)`, {
      abs: allowance,
      tolerance: `rel<=${EXACT_RELATIVE_TOLERANCE} or (hops+3)ulp(t)`,
    }),
    countRow(spec.name, 'rtt_matched', matched, measured.length, `each RTT = ${FORMULA} (hop schedule)`),
  ];
}

/** The one request frame and the one reply frame of a row, both delivered; undefined if it took more. */
function exchange(flow: DeliveryContext, row: number): { request: number; reply: number } | undefined {
  const journal = flow.run.record.journal;
  const requestLabel = journal.findFlow(flow.spec.name);
  const replyLabel = journal.findFlow(labelOf(flow.spec.name, 'reply').text);
  let request = -1;
  let reply = -1;
  for (const id of framesOf(flow.run.frames, row)) {
    if (journal.copyOf[id] !== -1) continue;
    const label = journal.flow[id];
    if (label === requestLabel) {
      if (request >= 0) return undefined;
      request = id;
    } else if (label === replyLabel) {
      if (reply >= 0) return undefined;
      reply = id;
    }
  }
  if (request < 0 || reply < 0) return undefined;
  if (journal.outcome[request] !== Outcome.Delivered || journal.outcome[reply] !== Outcome.Delivered) return undefined;
  return { request, reply };
}

function timeoutRows(flow: DeliveryContext<RequestReplyFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  const ledger = run.record.ledger;
  let timedOut = 0;
  let exact = 0;
  for (const row of flow.rows) {
    if (ledger.settlement[row] !== Settlement.TimedOut) continue;
    timedOut++;
    const waited = ledger.settledAt[row]! - ledger.openedAt[row]!;
    if (Math.abs(waited - spec.timeoutSeconds) <= 2 * ulp(ledger.settledAt[row]!)) exact++;
  }
  return timedOut === 0 ? [] : [countRow(spec.name, 'timeout_exact', exact, timedOut, 'timed out at sent + timeout')];
}
