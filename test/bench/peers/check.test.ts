import { describe, expect, it } from 'vitest';
import { missingMessage, peerTools } from '../../../src/bench/peers/check.js';

describe('peerTools', () => {
  it('uses Debian’s Python and g++ unless the environment names others', () => {
    expect(peerTools({})).toEqual({ cxx: 'g++', python: '/usr/bin/python3' });
    expect(peerTools({ MSGSIM_PEERS_PYTHON: '/opt/py', MSGSIM_PEERS_CXX: 'clang++' })).toEqual({ cxx: 'clang++', python: '/opt/py' });
  });
});

describe('missingMessage', () => {
  it('says in one line what is missing and the packages to install, each once', () => {
    const message = missingMessage([
      { what: 'ns-3', debianPackage: 'libns3-dev' },
      { what: 'SimPy for /usr/bin/python3', debianPackage: 'python3-simpy3' },
      { what: 'SimPy again', debianPackage: 'python3-simpy3' },
    ]);
    expect(message).toBe('missing ns-3; SimPy for /usr/bin/python3; SimPy again: install with `apt-get install libns3-dev python3-simpy3`');
  });
});
