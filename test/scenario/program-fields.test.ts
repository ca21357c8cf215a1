/**
 * The scenario fields of programs: what they mean once read, and the one-line errors for
 * the mistakes they invite.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';

const BASE = 'name: p\nnodes: [n0, n1, lin-kv]\ntopology: { kind: full-mesh, link: { bandwidth: 1Gbps, delay: 1ms } }\n';

function error(yaml: string): string {
  try {
    parseScenario(yaml, 'p.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('program fields', () => {
  it('run the program on every node but the services, clients on program nodes, concurrency per node', () => {
    const scenario = parseScenario(`${BASE}program: { module: ./x.ts }\nservices: [lin-kv]\nworkload: { kind: broadcast }\nclients: { concurrency: 2n, rate: 100, duration: 20s }\n`, '/tmp/p.yaml');
    expect(scenario.program).toMatchObject({
      module: { module: '/tmp/x.ts', export: 'default' },
      nodes: ['n0', 'n1'],
      services: ['lin-kv'],
      workload: { kind: 'broadcast', topology: 'grid' },
      clients: { concurrency: 4, rate: 100, durationSeconds: 20, timeoutSeconds: 5, recoverySeconds: 10, nodes: ['n0', 'n1'] },
    });
  });

  it('refuse a workload without a program, a service that is not a node, and clients on a service', () => {
    expect(error(`${BASE}workload: { kind: echo }\n`)).toBe('p.yaml:4: workload: a workload drives a program; add program: { module, export }');
    expect(error(`name: p\nnodes: 2\nprogram: { module: ./x.ts }\nservices: [lin-kv]\n`)).toBe('p.yaml:4: services[0]: the lin-kv service runs on the node "lin-kv"; add it to nodes');
    expect(error(`${BASE}program: { module: ./x.ts }\nservices: [lin-kv]\nclients: { nodes: [lin-kv] }\n`)).toBe('p.yaml:6: clients.nodes[0]: "lin-kv" runs a service; clients talk to program nodes');
  });

  it('refuse an unknown workload kind, a bad concurrency and a rate of zero, naming the field', () => {
    expect(error(`${BASE}program: { module: ./x.ts }\nworkload: { kind: gossip }\n`)).toMatch(/^p\.yaml:5: workload\.kind: "gossip" is not a workload kind \(echo, unique-ids, broadcast/);
    expect(error(`${BASE}program: { module: ./x.ts }\nclients: { concurrency: 2x }\n`)).toMatch(/^p\.yaml:5: clients\.concurrency: "2x" is not a number of clients/);
    expect(error(`${BASE}program: { module: ./x.ts }\nclients: { rate: 0 }\n`)).toMatch(/^p\.yaml:5: clients\.rate: 0 is not operations per second/);
  });

  it("give kafka Maelstrom's key defaults, and refuse a key count that is not a whole number or an option of another kind", () => {
    const scenario = parseScenario(`${BASE}program: { module: ./x.ts }\nworkload: { kind: kafka }\n`, '/tmp/p.yaml');
    expect(scenario.program?.workload).toEqual({ kind: 'kafka', key_count: 10, max_writes_per_key: 16 });
    expect(error(`${BASE}program: { module: ./x.ts }\nworkload: { kind: kafka, key_count: 2.5 }\n`)).toMatch(/^p\.yaml:5: workload\.key_count: 2\.5 is not a number of keys/);
    expect(error(`${BASE}program: { module: ./x.ts }\nworkload: { kind: g-counter, topology: line }\n`)).toBe('p.yaml:5: workload.topology: unknown key; expected one of: kind, targets');
  });

  it('refuse a program beside flows or a protocol', () => {
    expect(error(`${BASE}program: { module: ./x.ts }\nprotocol: { module: ./y.ts }\n`)).toMatch(/program: a scenario runs a program or a protocol, not both$/);
  });
});
