/**
 * Programs that run with virtual globals: {@link virtualGlobals} marks a node program (or a
 * protocol, or a Maelstrom-style setup) so that whoever runs it on a node runs it inside that
 * node's {@link VirtualNode}: the runtimes' `spawn`, and the hosts of protocols and programs.
 */
import type { NodeContext, NodeProgram } from '../seam.js';
import { installVirtualGlobals } from './globals.js';
import { VirtualNode, type RuntimeSeam, type VirtualGlobalsOptions } from './virtual-node.js';

const MARK = Symbol.for('msgsim.virtualGlobals');

type Marked = { [MARK]?: VirtualGlobalsOptions };

/**
 * Marks `code` (a {@link NodeProgram}, a protocol or a Maelstrom-style program) to run with
 * virtual globals: on each node, `setTimeout` and its kin, `Date`, `performance.now`,
 * `Math.random` and crypto's random values are the node's own, in virtual time and from its
 * seeded streams, so an unmodified library behaves deterministically. Returns a marked copy;
 * `code` itself is left as it was.
 */
export function virtualGlobals<F extends (...args: never[]) => unknown>(code: F, options: VirtualGlobalsOptions = {}): F {
  const marked = ((...args: Parameters<F>) => code(...args)) as unknown as F & Marked;
  marked[MARK] = options;
  return marked;
}

/** The options `code` was marked with by {@link virtualGlobals}, or undefined if it was not. */
export function virtualGlobalsOf(code: unknown): VirtualGlobalsOptions | undefined {
  return typeof code === 'function' ? (code as Marked)[MARK] : undefined;
}

/**
 * `code` marked as `source` is ({@link virtualGlobals}), or `code` itself when `source` is not
 * marked: for hosts that spawn a program of their own around a user's code.
 */
export function withGlobalsOf<F extends (...args: never[]) => unknown>(code: F, source: unknown): F {
  const options = virtualGlobalsOf(source);
  return options === undefined ? code : virtualGlobals(code, options);
}

/**
 * A node's virtual globals across its incarnations, for a runtime: they start with the first
 * marked program spawned on the node (then every program of the node runs with them) and are
 * made again, fresh, for each incarnation after a restart.
 */
export class NodeGlobals {
  private options: VirtualGlobalsOptions | undefined;
  /** The current incarnation's virtual node, if the node runs with virtual globals. */
  current: VirtualNode | undefined;

  /** @param runtime - what the runtime's own seam does (see {@link RuntimeSeam}) */
  constructor(private readonly runtime: RuntimeSeam = { synchronous: false }) {}

  /**
   * Called when `program` is spawned on the incarnation whose context is `context`: returns
   * the context the node's code should get from now on (the virtual node's, once any program is marked).
   */
  adopt(program: NodeProgram, context: NodeContext): NodeContext {
    if (this.options !== undefined) return context;
    const options = virtualGlobalsOf(program);
    if (options === undefined) return context;
    this.options = options;
    installVirtualGlobals();
    this.current = new VirtualNode(context, options, this.runtime);
    return this.current.context;
  }

  /** Called with a new incarnation's context: the context its code should get. */
  renew(context: NodeContext): NodeContext {
    if (this.options === undefined) return context;
    this.current = new VirtualNode(context, this.options, this.runtime);
    return this.current.context;
  }

  /** Runs `action` as the node's code: inside its virtual node, if it has one. */
  call(action: () => unknown): unknown {
    return this.current === undefined ? action() : this.current.call(callAction, action, undefined);
  }
}

function callAction(action: () => unknown): unknown {
  return action();
}
