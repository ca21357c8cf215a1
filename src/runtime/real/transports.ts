/**
 * The socket transports by name: what `--transport udp|tcp` opens for each node.
 */
import type { TransportKind } from './link.js';
import type { LinkOpener } from './real-runtime.js';
import { openTcpLink } from './tcp-link.js';
import { openUdpLink } from './udp-link.js';

/** Every transport's link opener. */
export const LINK_OPENERS: Readonly<Record<TransportKind, LinkOpener>> = { udp: openUdpLink, tcp: openTcpLink };

/** The transports' names, for options and messages. */
export const TRANSPORT_KINDS: readonly TransportKind[] = ['udp', 'tcp'];
