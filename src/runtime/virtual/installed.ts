/**
 * Importing this module installs the virtual globals. The entry points of library adapters
 * (msgsim/automerge, msgsim/yjs) import it before anything of the library, so a library that
 * keeps a reference to a global when it is loaded (as uuid keeps `crypto.randomUUID`) keeps
 * the patched one, which still answers with the real function outside any node.
 */
import { installVirtualGlobals } from './globals.js';

installVirtualGlobals();
