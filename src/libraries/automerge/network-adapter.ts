/**
 * Automerge Repo's network interface on a msgsim byte channel: a `NetworkAdapter` whose
 * peers are the other replicas of the channel. On `connect` it announces itself to every
 * peer; a peer that hears an announcement answers with its own, and each side then tells its
 * Repo of a `peer-candidate`. An announcement from a peer already known (it restarted, or
 * came back under another peer id) first ends the old peer (`peer-disconnected`). Repo
 * messages travel CBOR-encoded, as Automerge Repo's own adapters send them.
 */
import { cbor, NetworkAdapter, type Message, type PeerId, type PeerMetadata } from '@automerge/automerge-repo';
import type { ByteChannel } from '../channel.js';

/** What travels on the channel: announcements, and Repo messages. */
type Envelope =
  | { readonly t: 'arrive' | 'welcome'; readonly peerId: PeerId; readonly meta: PeerMetadata }
  | { readonly t: 'leave'; readonly peerId: PeerId }
  | { readonly t: 'message'; readonly message: Message };

/** A NetworkAdapter for Automerge Repo whose network is a msgsim {@link ByteChannel}. */
export class ChannelNetworkAdapter extends NetworkAdapter {
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];
  /** Peer ids by node, and nodes by peer id, of the peers known now. */
  private readonly peerOfNode = new Map<string, PeerId>();
  private readonly nodeOfPeer = new Map<PeerId, string>();

  constructor(private readonly channel: ByteChannel) {
    super();
    channel.onReceive((bytes, from) => this.receive(cbor.decode<Envelope>(bytes), from));
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const node of this.channel.peers) {
      if (node !== this.channel.address) this.post(node, { t: 'arrive', peerId, meta: this.peerMetadata });
    }
  }

  send(message: Message): void {
    const node = this.nodeOfPeer.get(message.targetId);
    if (node === undefined) return; // a peer that left: its messages have nowhere to go
    this.post(node, { t: 'message', message });
  }

  disconnect(): void {
    const peerId = this.peerId;
    if (peerId !== undefined) for (const node of this.peerOfNode.keys()) this.post(node, { t: 'leave', peerId });
    for (const node of [...this.peerOfNode.keys()]) this.forget(node);
    this.ready = false;
    this.emit('close');
  }

  private post(node: string, envelope: Envelope): void {
    this.channel.send(node, cbor.encode(envelope));
  }

  private receive(envelope: Envelope, from: string): void {
    if (!this.ready || this.peerId === undefined) return;
    switch (envelope.t) {
      case 'arrive':
      case 'welcome': {
        const known = this.peerOfNode.get(from);
        if (envelope.t === 'arrive') this.post(from, { t: 'welcome', peerId: this.peerId, meta: this.peerMetadata ?? {} });
        if (known === envelope.peerId && envelope.t === 'welcome') return;
        if (known !== undefined) this.forget(from);
        this.peerOfNode.set(from, envelope.peerId);
        this.nodeOfPeer.set(envelope.peerId, from);
        this.emit('peer-candidate', { peerId: envelope.peerId, peerMetadata: envelope.meta });
        return;
      }
      case 'leave':
        if (this.peerOfNode.get(from) === envelope.peerId) this.forget(from);
        return;
      case 'message':
        if (this.nodeOfPeer.get(envelope.message.senderId) === from) this.emit('message', envelope.message);
        return;
    }
  }

  private forget(node: string): void {
    const peerId = this.peerOfNode.get(node);
    if (peerId === undefined) return;
    this.peerOfNode.delete(node);
    this.nodeOfPeer.delete(peerId);
    this.emit('peer-disconnected', { peerId });
  }
}
