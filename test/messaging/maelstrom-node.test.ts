/**
 * The Maelstrom-style node: requests and replies paired by msg_id, rpc timeouts at exactly
 * the timeout, init answered, unknown types refused with not-supported, errors thrown as
 * RPCError (or { code, text }) sent back as error replies, other errors failing the run,
 * and timers on the node's clock.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, RPCError, type Body } from '../../src/messaging/maelstrom/body.js';
import type { MaelstromNode } from '../../src/messaging/maelstrom/node.js';
import { runProgram } from '../support/program.js';

const TWO_NODES = { nodes: [ 'a', 'b' ], links: [{ between: ['a', 'b'], bandwidth: '1Gbps', delay: '10ms' }] };

/** Runs `setup` on both nodes until `until`; returns what `a` noted. */
async function onTwoNodes(setup: (node: MaelstromNode, note: (what: string) => void) => void, until = 5): Promise<string[]> {
  const notes: string[] = [];
  await runProgram({ ...TWO_NODES, until: `${until}s` }, (node) => setup(node, (what) => notes.push(`${node.clock.now().toFixed(6)} ${node.id}: ${what}`)));
  return notes;
}

describe('MaelstromNode', () => {
  it('pairs an rpc with its reply and resolves with the reply body one round trip later', async () => {
    const notes = await onTwoNodes((node, note) => {
      node.on('ping', (req) => node.reply(req, { type: 'pong', n: req.body['n'] }));
      if (node.id === 'a') node.setTimeout(async () => note(JSON.stringify(await node.rpc('b', { type: 'ping', n: 7 }))), 0);
    });
    // 10 ms each way plus serialisation of the frames at 1 Gbps.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^0\.0200\d\d a: \{"type":"pong","n":7,"in_reply_to":0\}$/);
  });

  it('rejects an rpc with a timeout error (code 0) exactly when its timeout passes', async () => {
    const notes = await onTwoNodes((node, note) => {
      if (node.id === 'a') {
        node.setTimeout(() => node.rpc('b', { type: 'silence' }, { timeout: 0.25 }).catch((error: RPCError) => note(`${error.code} ${error.definite}`)), 0);
      } else {
        node.on('silence', () => undefined);
      }
    });
    expect(notes).toEqual(['0.250000 a: 0 false']);
  });

  it('answers a request of a type it has no handler for with not-supported (code 10)', async () => {
    const notes = await onTwoNodes((node, note) => {
      if (node.id === 'a') node.setTimeout(() => node.rpc('b', { type: 'nope' }).catch((error: RPCError) => note(`${error.code} ${error.text}`)), 0);
    });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/ a: 10 unsupported request type nope$/);
  });

  it('sends back an RPCError or a thrown { code, text } as the error reply', async () => {
    const notes = await onTwoNodes((node, note) => {
      node.on('cas', () => {
        throw RPCError.preconditionFailed('was 3');
      });
      node.on('read', async () => {
        await node.clock.sleep(0.001);
        throw { code: 20, text: 'no such key' };
      });
      if (node.id === 'a') {
        node.setTimeout(async () => {
          for (const type of ['cas', 'read']) {
            try {
              await node.rpc('b', { type });
            } catch (error) {
              const e = error as RPCError;
              note(`${type}: ${e.code} ${e.text} definite=${e.definite}`);
            }
          }
        }, 0);
      }
    });
    expect(notes.map((line) => line.slice(line.indexOf('a: ') + 3))).toEqual(['cas: 22 was 3 definite=true', 'read: 20 no such key definite=true']);
  });

  it('fails the run, naming the node, when a handler throws anything else', async () => {
    await expect(
      onTwoNodes((node) => {
        node.on('boom', () => {
          throw new TypeError('a bug');
        });
        if (node.id === 'a') node.setTimeout(() => node.send('b', { type: 'boom' }), 0);
      }),
    ).rejects.toThrow(/node "b".*TypeError: a bug/);
  });

  it('knows its id and the node ids before and after init, and answers init with init_ok', async () => {
    const seen: string[] = [];
    await runProgram({ ...TWO_NODES, services: [], until: '1s' }, (node) => {
      seen.push(`${node.id} ${node.nodeId()} ${node.nodeIds.join(',')}`);
      node.on('init', (req) => seen.push(`init ${String(req.body['node_id'])} ${(req.body['node_ids'] as string[]).join(',')}`));
    });
    expect(seen).toEqual(['a a a,b', 'init a a,b', 'b b a,b', 'init b a,b']);
  });

  it('runs setInterval every period of its clock until cleared, and setTimeout once', async () => {
    const notes = await onTwoNodes((node, note) => {
      if (node.id !== 'a') return;
      let ticks = 0;
      const interval = node.setInterval(() => {
        note('tick');
        if (++ticks === 3) node.clearInterval(interval);
      }, 100);
      const cancelled = node.setTimeout(() => note('never'), 50);
      node.clearTimeout(cancelled);
      node.setTimeout(() => note('once'), 150);
    }, 1);
    expect(notes).toEqual(['0.100000 a: tick', '0.150000 a: once', '0.200000 a: tick', '0.300000 a: tick']);
  });

  it('refuses a body without a type, and a destination that is neither node nor client', async () => {
    await expect(onTwoNodes((node) => node.send('b', { kind: 'x' } as unknown as Body))).rejects.toThrow(/string "type"/);
    await expect(onTwoNodes((node) => node.send('zz', { type: 'x' }))).rejects.toThrow(/no node or client "zz"/);
  });

  it('retries an rpc after each timeout until a reply comes', async () => {
    const notes = await onTwoNodes((node, note) => {
      if (node.id === 'b') {
        let calls = 0;
        node.on('flaky', (req) => {
          if (++calls === 3) node.reply(req, { type: 'flaky_ok', calls });
        });
      } else {
        node.setTimeout(async () => note(JSON.stringify(await node.retryRPC('b', { type: 'flaky' }, { timeout: 0.1 }))), 0);
      }
    });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^0\.2200\d\d a: \{"type":"flaky_ok","calls":3,"in_reply_to":2\}$/);
  });
});

describe('error codes', () => {
  it('are Maelstrom’s, with definite and indefinite as its table says', () => {
    expect(ErrorCode).toMatchObject({ Timeout: 0, NodeNotFound: 1, NotSupported: 10, TemporarilyUnavailable: 11, MalformedRequest: 12, Crash: 13, Abort: 14, KeyDoesNotExist: 20, KeyAlreadyExists: 21, PreconditionFailed: 22, TxnConflict: 30 });
    const definite = [0, 1, 10, 11, 12, 13, 14, 20, 21, 22, 30, 1000].filter((code) => new RPCError(code).definite);
    expect(definite).toEqual([1, 10, 11, 12, 14, 20, 21, 22, 30]);
  });

  it('are RPCErrors to instanceof from any copy of msgsim, which share the mark', () => {
    const fromAnotherCopy = Object.assign(new Error('x'), { [Symbol.for('msgsim.RPCError')]: true, code: 20 });
    expect(fromAnotherCopy instanceof RPCError).toBe(true);
    expect(RPCError.keyDoesNotExist() instanceof RPCError).toBe(true);
    expect(new Error('x') instanceof RPCError).toBe(false);
    expect(({ code: 20 }) instanceof RPCError).toBe(false);
  });
});
