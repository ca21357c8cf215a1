/**
 * A Yjs document kept in sync with its replicas on a msgsim byte channel, by y-protocols' sync
 * and awareness protocols, each message framed as y-websocket frames it: a varUint message
 * type ({@link MESSAGE_SYNC}, {@link MESSAGE_AWARENESS}) and the protocol's message.
 *
 * Like y-websocket it relies on its stream and never resyncs on a timer: it sends sync step 1
 * to every peer when it connects, answers a step 1 with step 2, sends each local update to
 * every peer once, and sends its awareness changes. Over a stream that loses nothing that
 * converges; over a network that loses frames, a lost update stays lost until something asks
 * again. What asks again is a peer's new incarnation: a step 1 carries, after y-protocols'
 * message, the sender's session (drawn at connect) and the session of the receiver whose
 * step 1 the sender last answered. A step 1 that does not name the receiver's own session
 * comes from a peer that has not caught up with it (it restarted, or its step 1 crossed
 * ours), so the receiver answers with step 2 and its own step 1, and both sides catch up.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as random from 'lib0/random';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { messageYjsSyncStep1, readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { ByteChannel } from '../channel.js';

/** y-websocket's message type of y-protocols' sync messages (step 1, step 2, update). */
export const MESSAGE_SYNC = 0;
/** y-websocket's message type of y-protocols' awareness updates. */
export const MESSAGE_AWARENESS = 1;

/** Options of {@link connectYjs}. */
export interface ConnectYjsOptions {
  /**
   * The awareness to keep in sync (its document must be `doc`). @default a new Awareness of
   * `doc`, destroyed with the connection
   */
  readonly awareness?: Awareness;
}

/** A Yjs document's connection to its replicas; see {@link connectYjs}. */
export interface YjsConnection {
  /** The awareness (y-protocols) kept in sync with the peers'. */
  readonly awareness: Awareness;
  /**
   * Tells the peers this replica's awareness state is gone and stops syncing: nothing more is
   * sent, arriving messages are ignored. The document stays as it is.
   */
  destroy(): void;
}

type AwarenessChanges = { readonly added: number[]; readonly updated: number[]; readonly removed: number[] };

/**
 * Keeps `doc` in sync with the replicas on the other peers of `channel`: y-protocols' sync
 * protocol for the document, its awareness protocol for presence. Call it once per
 * incarnation of the node, after loading any stored state into `doc`.
 */
export function connectYjs(doc: Y.Doc, channel: ByteChannel, options: ConnectYjsOptions = {}): YjsConnection {
  return new Connection(doc, channel, options);
}

/** A session id: any 32-bit number but 0, which stands for none. */
function drawSession(): number {
  for (;;) {
    const session = random.uint32();
    if (session !== 0) return session;
  }
}

class Connection implements YjsConnection {
  readonly awareness: Awareness;
  private readonly ownsAwareness: boolean;
  /** This incarnation's session, named in its step 1 messages. */
  private readonly session = drawSession();
  /** Per peer, the session of the last step 1 answered. */
  private readonly answered = new Map<string, number>();
  private readonly peers: readonly string[];
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly channel: ByteChannel,
    options: ConnectYjsOptions,
  ) {
    this.awareness = options.awareness ?? new Awareness(doc);
    this.ownsAwareness = options.awareness === undefined;
    this.peers = channel.peers.filter((peer) => peer !== channel.address);
    channel.onReceive((bytes, from) => this.receive(bytes, from));
    doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    for (const peer of this.peers) this.sendStep1(peer);
    if (this.awareness.getLocalState() !== null) this.broadcast(this.awarenessMessage([this.awareness.clientID]));
  }

  destroy(): void {
    if (this.destroyed) return;
    removeAwarenessStates(this.awareness, [this.awareness.clientID], 'destroy');
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.channel.onReceive(() => undefined);
    if (this.ownsAwareness) this.awareness.destroy();
  }

  /** Updates that did not come from the peers (made here, or loaded by other code) go to every peer. */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    writeUpdate(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder));
  };

  private readonly onAwareness = (changes: AwarenessChanges, origin: unknown): void => {
    if (origin === this) return;
    this.broadcast(this.awarenessMessage([...changes.added, ...changes.updated, ...changes.removed]));
  };

  private receive(bytes: Uint8Array, from: string): void {
    if (this.destroyed || !this.peers.includes(from)) return;
    const decoder = decoding.createDecoder(bytes);
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        if (readSyncMessage(decoder, reply, this.doc, this) !== messageYjsSyncStep1) return;
        this.channel.send(from, encoding.toUint8Array(reply));
        const hasSessions = decoding.hasContent(decoder);
        const session = hasSessions ? decoding.readVarUint(decoder) : 0;
        const heard = hasSessions ? decoding.readVarUint(decoder) : 0;
        this.answered.set(from, session);
        if (heard !== this.session) this.sendStep1(from);
        return;
      }
      case MESSAGE_AWARENESS:
        applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      default:
        return; // y-websocket's other types (auth, awareness queries) are not used here
    }
  }

  /** Sync step 1 to `peer`, with this session and the peer's last answered one. */
  private sendStep1(peer: string): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    writeSyncStep1(encoder, this.doc);
    encoding.writeVarUint(encoder, this.session);
    encoding.writeVarUint(encoder, this.answered.get(peer) ?? 0);
    this.channel.send(peer, encoding.toUint8Array(encoder));
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private broadcast(bytes: Uint8Array): void {
    for (const peer of this.peers) this.channel.send(peer, bytes);
  }
}
