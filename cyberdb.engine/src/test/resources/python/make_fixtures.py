#!/usr/bin/env python3
"""Writes the Python CyberDB fixtures that PythonImportTest reads.

Run from this directory with the machine's python3:  python3 make_fixtures.py
The files are committed; rerun only to change them. Nothing here is unpickled.
"""
import os
import pickle

shared = [1, 2]

DATA = {
    # The original keeps its server settings here, password in clear text; the importer ignores it.
    'config': {'host': '127.0.0.1', 'port': 9980, 'password': 'hunter2-do-not-print',
               'max_con': 10000, 'timeout': 0, 'print_log': False, 'encrypt': True},
    'db': {
        'centre': {'content': 'Hello CyberDB!'},
        'mixed': {
            'int': 42, 'neg': -7, 'zero': 0, 'none': None, 'true': True, 'false': False,
            'big': 2 ** 62, 'min': -2 ** 63, 'max': 2 ** 63 - 1, 'byte-sized': 255, 'short-sized': 65535,
            'float': 3.25, 'unicode': 'Grüße, 世界 🚀', 'empty': '',
            'bytes': b'\x00\xffraw', 'empty-bytes': b'',
            'tuple': (1, 'two', 3.0),
            'nested': {'list': [1, [2, [3]]], 'dict': {'a': {'b': None}}},
            'shared': {'a': shared, 'b': shared},
            1: 'int key', (1, 'x'): 'tuple key', 2.5: 'float key', True: 'bool key',
        },
        'queue': ['a', 1, None, [], {}, (), b'x', 'long ' * 100],
        'empty dict': {},
        'empty list': [],
    },
}

BIG_INT = {'config': {}, 'db': {'numbers': {'small': 1, 'huge': 2 ** 64}}}
NONE_KEY = {'config': {}, 'db': {'odd': {None: 'none key', 'fine': 1, 'deep': {None: 1}}, 'a string': 'not a table',
                                 7: ['not a name'], 'kept': [1]}}
A_SET = {'config': {}, 'db': {'tags': {'t': {1, 2}}}}


class Evil:
    """Pickles as a call to os.system; a safe reader must refuse it, never run it."""

    def __reduce__(self):
        return (os.system, ('touch /tmp/cyberdb-pickle-was-executed',))


EVIL = {'config': {}, 'db': {'t': {'k': Evil()}}}


def write(name, obj, protocol):
    with open(name, 'wb') as f:
        pickle.dump(obj, f, protocol=protocol)


for protocol in (2, 3, 4, 5):
    write(f'python-protocol-{protocol}.cdb', DATA, protocol)
write('python-big-int.cdb', BIG_INT, 4)
write('python-skipped.cdb', NONE_KEY, 4)
write('python-set.cdb', A_SET, 4)
write('python-evil-global.cdb', EVIL, 2)
write('python-evil-stack-global.cdb', EVIL, 4)
