/**
 * A grow-only set kept in one Yjs document, replicated on every program node: `add` puts the
 * element in the document's map (stored in the node's durable store before the reply) and
 * answers; `read` answers with the map's elements, sorted. The replicas sync with
 * y-protocols over a msgsim byte channel: `reliable` over an exactly-once, ordered stream,
 * and `unordered` over the network as it is (frames lost or reordered stay so).
 */
// msgsim/yjs first: it installs the virtual globals before Yjs and lib0 load.
import { connectYjs, persistYjs } from '../../src/yjs.js';
import * as Y from 'yjs';
import { libraryChannel, virtualGlobals, type LibraryChannelOptions, type MaelstromNode, type NodeSetup } from '../../src/index.js';

/** The g-set program on Yjs, its replicas joined by a channel with `options`. */
export function yjsSet(options: LibraryChannelOptions): NodeSetup {
  return virtualGlobals((node: MaelstromNode) => {
    const doc = new Y.Doc();
    // A restarted node starts from what it stored; then it catches up with its peers.
    persistYjs(doc, node.storage, 'g-set');
    const elements = doc.getMap<number>('elements');
    const { awareness } = connectYjs(doc, libraryChannel(node.endpoint, { peers: node.nodeIds, flow: 'yjs', ...options }));
    awareness.setLocalStateField('node', node.id);
    node.on('add', (request) => {
      const element = request.body['element'] as number;
      elements.set(String(element), element);
      node.reply(request, { type: 'add_ok' });
    });
    node.on('read', (request) => node.reply(request, { type: 'read_ok', value: [...elements.values()].sort((a, b) => a - b) }));
  });
}

export const reliable = yjsSet({ delivery: 'exactly-once', ordered: true });
export const unordered = yjsSet({ delivery: 'at-most-once' });
export default reliable;
