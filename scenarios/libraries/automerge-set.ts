/**
 * A grow-only set kept in one Automerge document, replicated by Automerge Repo on every
 * program node: `add` puts the element in the document and answers once the change is saved
 * to the node's durable storage; `read` answers with the document's elements. Repo syncs the
 * document over a msgsim byte channel: `reliable` over an exactly-once, ordered stream, and
 * `unordered` over the network as it is (frames lost or reordered stay so).
 */
// msgsim/automerge first: it installs the virtual globals before Automerge Repo loads.
import { ChannelNetworkAdapter, DurableStorageAdapter } from '../../src/automerge.js';
import { Repo, type DocHandle, type DocumentId, type PeerId } from '@automerge/automerge-repo';
import { libraryChannel, virtualGlobals, type LibraryChannelOptions, type MaelstromNode, type NodeSetup } from '../../src/index.js';

/** The set's document: every node finds it by this id (made once with generateAutomergeUrl). */
export const SET_DOCUMENT = '2fgSex6ECPfey9Mahcf4KVFN1rLi' as DocumentId;

type SetDocument = Record<string, true>;

/** The g-set program on Automerge Repo, its replicas joined by a channel with `options`. */
export function automergeSet(options: LibraryChannelOptions): NodeSetup {
  return virtualGlobals((node: MaelstromNode) => {
    const storage = new DurableStorageAdapter(node.storage);
    const repo = new Repo({
      peerId: node.id as PeerId,
      network: [new ChannelNetworkAdapter(libraryChannel(node.endpoint, { peers: node.nodeIds, flow: 'automerge', ...options }))],
      storage,
      sharePolicy: () => Promise.resolve(true),
    });
    // A restarted node finds the document in its storage if any of it was saved; a fresh one,
    // or one that crashed before it saved any, starts it empty. (Saved sync states are not the
    // document: asked to find it then, Repo answers that it is unavailable before any peer
    // has been heard.) The storage answers at once, so this is settled within the step.
    const opened = documentSaved(storage).then((saved) => (saved ? repo.find<SetDocument>(SET_DOCUMENT) : emptyDocument(repo)));
    let handle: DocHandle<SetDocument> | undefined;
    // A failure to open is the handlers' to report: they await `opened`.
    void opened.then(
      (ready) => (handle = ready),
      () => undefined,
    );
    node.on('add', async (request) => {
      const document = handle ?? (await opened);
      document.change((doc) => {
        doc[String(request.body['element'])] = true;
      });
      await repo.flush([SET_DOCUMENT]);
      node.reply(request, { type: 'add_ok' });
    });
    // Synchronous once the document is open, so a read answers within its step.
    const read = (document: DocHandle<SetDocument>): number[] => Object.keys(document.doc()).map(Number).sort((a, b) => a - b);
    node.on('read', (request) => {
      if (handle !== undefined) return node.reply(request, { type: 'read_ok', value: read(handle) });
      return opened.then((document) => node.reply(request, { type: 'read_ok', value: read(document) }));
    });
  });
}

/** Whether any chunk of the set's document (a snapshot or an incremental change) is in `storage`. */
async function documentSaved(storage: DurableStorageAdapter): Promise<boolean> {
  for (const kind of ['snapshot', 'incremental']) if ((await storage.loadRange([SET_DOCUMENT, kind])).length > 0) return true;
  return false;
}

/** The set's document with no changes yet, under the shared id. */
function emptyDocument(repo: Repo): DocHandle<SetDocument> {
  const handle = repo.import<SetDocument>(new Uint8Array(0), { docId: SET_DOCUMENT });
  handle.doneLoading();
  return handle;
}

export const reliable = automergeSet({ delivery: 'exactly-once', ordered: true });
export const unordered = automergeSet({ delivery: 'at-most-once' });
export default reliable;
