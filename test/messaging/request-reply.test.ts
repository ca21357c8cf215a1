/**
 * Request/reply over endpoints: timeouts at exactly sendTime + timeout (on the ledger and for
 * the code awaiting the request), many requests in flight correlated by id, late replies
 * ignored, the round-trip time on an idle link, handlers that do not answer, and
 * exactly-once requests over a lossy link. Expected times come from the link model: a frame
 * sent at t on an idle link arrives at t + bytes·8/bandwidth + delay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ulp } from '../../src/engine/time.js';
import { jsonCodec } from '../../src/messaging/codec.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { Settlement } from '../../src/messaging/observer.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { RequestTimeoutError } from '../../src/messaging/request-reply.js';
import { Outcome } from '../../src/net/outcome.js';
import { simulatedLine } from '../support/runtime.js';

/** A client and a server on one link, both recording into one ledger. */
function clientServer(link?: { bandwidthBitsPerSecond: number; delaySeconds: number; loss?: number }, options?: { headerBytes?: number }) {
  const { sim, network, runtime } = simulatedLine(['client', 'server'], link, options);
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  const client = new Endpoint(runtime.node('client'), jsonCodec, { observer: ledger });
  const server = new Endpoint(runtime.node('server'), jsonCodec, { observer: ledger });
  return { sim, network, runtime, ledger, client, server };
}

/** One request of a timeout property: when it is sent and how long it waits, in microseconds. */
const timedRequest = fc.record({ sentUs: fc.integer({ min: 0, max: 1_000_000 }), timeoutUs: fc.integer({ min: 1_000, max: 2_000_000 }) });

/**
 * Sends `requests` to a server that never answers: one whose handler returns undefined, or
 * (crashed) one that is down from the start. Records how each request ended, its ledger row
 * and the virtual time at which the code awaiting it resumed.
 */
async function unansweredRequests(requests: readonly { sentUs: number; timeoutUs: number }[], crashed: boolean) {
  const { sim, ledger, runtime, client, server } = clientServer();
  let handled = 0;
  server.onRequest(() => {
    handled++;
    return undefined;
  });
  if (crashed) runtime.crash('server');
  const ended: { row: number; error: unknown; resumedAt: number }[] = [];
  requests.forEach(({ sentUs, timeoutUs }, i) => {
    sim.scheduleAt(sentUs / 1e6, () => {
      const row = ledger.length;
      client.request('server', { i }, { timeoutSeconds: timeoutUs / 1e6 }).then(
        () => (ended[i] = { row, error: undefined, resumedAt: sim.now }),
        (error: unknown) => (ended[i] = { row, error, resumedAt: sim.now }),
      );
    });
  });
  await sim.run();
  return { ledger, ended, handled };
}

describe('request/reply', () => {
  it('times out unanswered requests exactly at sendTime + timeout on the ledger, with a RequestTimeoutError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(timedRequest, { minLength: 1, maxLength: 8 }), fc.boolean(), async (requests, crashed) => {
        const { ledger, ended, handled } = await unansweredRequests(requests, crashed);
        // The silent server did get every request; the crashed one none.
        expect(handled).toBe(crashed ? 0 : requests.length);
        expect(ledger.length).toBe(requests.length);
        requests.forEach(({ sentUs, timeoutUs }, i) => {
          const sent = sentUs / 1e6;
          const timeout = timeoutUs / 1e6;
          const { row, error } = ended[i]!;
          expect(error).toBeInstanceOf(RequestTimeoutError);
          expect(error).toMatchObject({ name: 'RequestTimeoutError', to: 'server', timeoutSeconds: timeout });
          expect(ledger.copies[row]).toBe(crashed ? 0 : 1);
          expect(ledger.settlement[row]).toBe(Settlement.TimedOut);
          expect(ledger.openedAt[row]).toBe(sent);
          // The deadline is the double nearest sent + timeout: one rounding, as the clock adds.
          expect(ledger.settledAt[row]).toBe(sent + timeout);
          // settledAt − openedAt rounds again, so it may differ from the timeout by an ulp of the clock.
          expect(Math.abs(ledger.settledAt[row]! - ledger.openedAt[row]! - timeout)).toBeLessThanOrEqual(ulp(sent + timeout));
        });
      }),
    );
  });

  it('resumes the code awaiting a timed-out request at the deadline, not at a later event', async () => {
    // The module promises a rejection "exactly at its deadline"; whoever awaits the request
    // must observe it then, even when other events (other requests' deadlines) come later.
    await fc.assert(
      fc.asyncProperty(fc.array(timedRequest, { minLength: 1, maxLength: 8 }), fc.boolean(), async (requests, crashed) => {
        const { ended } = await unansweredRequests(requests, crashed);
        const resumedAt = ended.map(({ resumedAt }) => resumedAt);
        expect(resumedAt).toEqual(requests.map(({ sentUs, timeoutUs }) => sentUs / 1e6 + timeoutUs / 1e6));
      }),
    );
  });

  it('correlates many requests in flight by id and resolves them in the order their replies arrive', async () => {
    // Distinct service times at least 1 ms apart dwarf the spread of arrivals at the server
    // (12 frames of ~20 bytes at 8 Mbit/s: under 0.3 ms), so replies come in service-time order.
    const services = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(services, async (serviceMs) => {
        const { sim, ledger, client, server } = clientServer();
        server.onRequest(async (body) => {
          const { n } = body as { n: number };
          await server.clock.sleep(serviceMs[n]! / 1000);
          return { n, square: n * n };
        });
        const replies: unknown[] = [];
        const order: number[] = [];
        serviceMs.forEach((_, n) => {
          client.request('server', { n }, { timeoutSeconds: 5 }).then((reply) => {
            replies[n] = reply;
            order.push(n);
          });
        });
        await sim.run();
        expect(replies).toEqual(serviceMs.map((_, n) => ({ n, square: n * n })));
        expect(order).toEqual(serviceMs.map((_, n) => n).sort((x, y) => serviceMs[x]! - serviceMs[y]!));
        for (let row = 0; row < ledger.length; row++) expect(ledger.settlement[row]).toBe(Settlement.Replied);
        expect(ledger.length).toBe(serviceMs.length);
      }),
    );
  });

  it('ignores a reply that comes after the timeout, and does not hand it to a later request', async () => {
    const { sim, network, ledger, client, server } = clientServer();
    server.onRequest(async (body) => {
      const { n, serviceSeconds } = body as { n: number; serviceSeconds: number };
      await server.clock.sleep(serviceSeconds);
      return { echo: n };
    });
    const results: unknown[] = [];
    // Request 0 gives up at 0.1 s; its reply leaves the server at about 0.51 s.
    client.request('server', { n: 0, serviceSeconds: 0.5 }, { timeoutSeconds: 0.1 }).then(
      (reply) => (results[0] = reply),
      (error: unknown) => (results[0] = error),
    );
    // Request 1 is pending when that late reply arrives; its own reply comes at about 0.72 s.
    sim.scheduleAt(0.3, () => {
      client.request('server', { n: 1, serviceSeconds: 0.4 }, { timeoutSeconds: 2 }).then(
        (reply) => (results[1] = reply),
        (error: unknown) => (results[1] = error),
      );
    });
    await sim.run();
    expect(results[0]).toBeInstanceOf(RequestTimeoutError);
    expect(results[1]).toEqual({ echo: 1 });
    // Journal: request 0, request 1, late reply 0, reply 1; the late reply did arrive.
    const { journal } = network;
    expect(journal.length).toBe(4);
    expect(journal.src[2]).toBe(network.nodeIndex('server'));
    expect(journal.trace[2]).toBe(0);
    expect(journal.outcome[2]).toBe(Outcome.Delivered);
    expect(journal.receivedAt[2]).toBeGreaterThan(0.5);
    expect(journal.receivedAt[2]).toBeLessThan(journal.receivedAt[3]!);
    expect(ledger.settlement[0]).toBe(Settlement.TimedOut);
    expect(ledger.settledAt[0]).toBe(0.1);
    expect(ledger.settlement[1]).toBe(Settlement.Replied);
    expect(ledger.settledAt[1]).toBe(journal.receivedAt[3]);
  });

  it('takes request delay + service + reply delay on an idle link', async () => {
    const bandwidth = 1.5e6;
    const delay = 0.0037;
    const service = 0.0125;
    const sentAt = 0.25;
    const headerBytes = 28;
    const { sim, network, ledger, client, server } = clientServer({ bandwidthBitsPerSecond: bandwidth, delaySeconds: delay }, { headerBytes });
    server.onRequest(async (body) => {
      await server.clock.sleep(service);
      return { sum: (body as number[]).reduce((a, b) => a + b, 0) };
    });
    let reply: unknown;
    sim.scheduleAt(sentAt, () => {
      client.request('server', [1, 2, 3, 4], { timeoutSeconds: 1 }).then((value) => (reply = value));
    });
    await sim.run();
    expect(reply).toEqual({ sum: 10 });
    const { journal } = network;
    expect(journal.length).toBe(2);
    // The journal's sizes are the encoded frames plus the header.
    expect(journal.bytes[0]).toBe(jsonCodec.encode(['q', 0, [1, 2, 3, 4]]).length + headerBytes);
    expect(journal.bytes[1]).toBe(jsonCodec.encode(['r', 0, { sum: 10 }]).length + headerBytes);
    // Each step in the order time passes: transmission ends, then propagation, then service.
    const requestArrives = sentAt + (journal.bytes[0]! * 8) / bandwidth + delay;
    const replySent = requestArrives + service;
    const replyArrives = replySent + (journal.bytes[1]! * 8) / bandwidth + delay;
    expect(journal.receivedAt[0]).toBe(requestArrives);
    expect(journal.sentAt[1]).toBe(replySent);
    expect(ledger.openedAt[0]).toBe(sentAt);
    expect(ledger.settlement[0]).toBe(Settlement.Replied);
    expect(ledger.settledAt[0]).toBe(replyArrives);
    // As a difference, the RTT carries the rounding of the clock near replyArrives (a few ulps).
    const rtt = ledger.settledAt[0]! - ledger.openedAt[0]!;
    const expectedRtt = (journal.bytes[0]! * 8) / bandwidth + delay + service + (journal.bytes[1]! * 8) / bandwidth + delay;
    expect(Math.abs(rtt - expectedRtt)).toBeLessThanOrEqual(4 * ulp(replyArrives));
  });

  it('lets a client await each reply before sending the next request, within one run', async () => {
    // A closed loop: the code awaiting a reply must resume when the reply arrives, inside the
    // run, so its next request is sent then (not after the run has already gone idle).
    const { sim, network, client, server } = clientServer();
    server.onRequest((n) => (n as number) * 10);
    const replies: unknown[] = [];
    client.clock.setTimer(0, async () => {
      for (const n of [1, 2, 3]) replies.push(await client.request('server', n, { timeoutSeconds: 1 }));
    });
    const result = await sim.run();
    expect(replies).toEqual([10, 20, 30]);
    expect(result.reason).toBe('idle');
    expect(sim.pendingEvents).toBe(0);
    const { journal } = network;
    expect(journal.length).toBe(6);
    // Request k + 1 leaves the client when reply k arrives there.
    expect(journal.sentAt[2]).toBe(journal.receivedAt[1]);
    expect(journal.sentAt[4]).toBe(journal.receivedAt[3]);
  });

  it('sends no reply when the handler returns undefined (the request then times out), but does reply null', async () => {
    const { sim, network, ledger, client, server } = clientServer();
    const handled: unknown[] = [];
    server.onRequest((body) => {
      handled.push(body);
      return body === 'silent' ? undefined : null;
    });
    const results: unknown[] = [];
    client.request('server', 'silent', { timeoutSeconds: 0.2 }).then(
      (reply) => (results[0] = { reply }),
      (error: unknown) => (results[0] = error),
    );
    sim.scheduleAt(1, () => {
      client.request('server', 'null', { timeoutSeconds: 0.2 }).then(
        (reply) => (results[1] = { reply }),
        (error: unknown) => (results[1] = error),
      );
    });
    await sim.run();
    expect(handled).toEqual(['silent', 'null']);
    expect(results[0]).toBeInstanceOf(RequestTimeoutError);
    expect(results[1]).toEqual({ reply: null });
    // Frames: the silent request; the null request and its reply. Nothing answered row 0.
    const { journal } = network;
    const serverIndex = network.nodeIndex('server');
    const fromServer = [...journal.src.subarray(0, journal.length)].flatMap((src, id) => (src === serverIndex ? [journal.trace[id]] : []));
    expect(fromServer).toEqual([1]);
    expect(journal.length).toBe(3);
    expect(ledger.copies[0]).toBe(1);
    expect(ledger.settlement[0]).toBe(Settlement.TimedOut);
    expect(ledger.settledAt[0]).toBe(0.2);
    expect(ledger.settlement[1]).toBe(Settlement.Replied);
  });

  it('answers every exactly-once request over a lossy link, running the handler once per request', async () => {
    // Quick, capped retries (up to 30, both ways) make giving up negligible (0.3^31), and
    // the request timeout outlasts every retransmission schedule.
    const retry = { timeoutSeconds: 0.05, backoff: 1.5, maxTimeoutSeconds: 0.5, maxRetries: 30 };
    const { sim, ledger, client, server } = clientServer({ bandwidthBitsPerSecond: 8e6, delaySeconds: 0.01, loss: 0.3 });
    const count = 40;
    const calls = new Array<number>(count).fill(0);
    server.onRequest(
      async (n) => {
        calls[n as number]!++;
        await server.clock.sleep(0.001);
        return (n as number) ** 2;
      },
      { delivery: 'exactly-once', retry },
    );
    const replies: unknown[] = [];
    const failures: unknown[] = [];
    for (let n = 0; n < count; n++) {
      sim.scheduleAt(n * 0.002, () => {
        client.request('server', n, { delivery: 'exactly-once', retry, timeoutSeconds: 60 }).then(
          (reply) => (replies[n] = reply),
          (error: unknown) => failures.push(error),
        );
      });
    }
    await sim.run();
    expect(failures).toEqual([]);
    expect(replies).toEqual(Array.from({ length: count }, (_, n) => n * n));
    expect(calls).toEqual(new Array<number>(count).fill(1));
    let suppressed = 0;
    for (let row = 0; row < count; row++) {
      expect(ledger.settlement[row]).toBe(Settlement.Replied);
      expect(ledger.copies[row]).toBe(1);
      suppressed += ledger.suppressedCopies[row]!;
    }
    // Lost acknowledgements made the client send some requests again: duplicates did reach
    // the server, and it suppressed them instead of running the handler again.
    expect(suppressed).toBeGreaterThan(0);
  });

  it('stops retransmitting a reliable request once its reply has arrived, or once it timed out', async () => {
    const retry = { timeoutSeconds: 0.03, backoff: 1, maxRetries: 50 };
    const { sim, network, ledger, client, server } = clientServer({ bandwidthBitsPerSecond: 8e6, delaySeconds: 0.01, loss: 0.3 });
    server.onRequest((n) => ((n as number) < 20 ? n : undefined), { delivery: 'exactly-once', retry, flow: 'rq:reply' });
    for (let n = 0; n < 30; n++) {
      sim.scheduleAt(n * 0.002, () => void client.request('server', n, { delivery: 'exactly-once', retry, timeoutSeconds: 0.5, flow: 'rq' }).catch(() => undefined));
    }
    await sim.run();
    const journal = network.journal;
    const label = journal.findFlow('rq');
    const client0 = network.nodeIndex('client');
    let late = 0;
    let settled = 0;
    for (let row = 0; row < 30; row++) {
      const outcome = ledger.settlement[row];
      expect([Settlement.Replied, Settlement.TimedOut]).toContain(outcome);
      if (outcome === Settlement.Replied) settled++;
      for (let id = 0; id < journal.length; id++) {
        if (journal.flow[id] === label && journal.src[id] === client0 && journal.trace[id] === row && journal.sentAt[id]! > ledger.settledAt[row]!) late++;
      }
    }
    expect(settled).toBe(20);
    // Before, a request whose acknowledgement was lost went on until acknowledged, reply or not.
    expect(late).toBe(0);
  });
});
