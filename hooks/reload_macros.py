"""Make edits to the macros/ package take effect under `mkdocs serve` without a restart.

The macros plugin imports macros/ once; Python then keeps the module in sys.modules
and every rebuild would run the old code. Forgetting it before the plugin's own
on_config (priority 100 runs first) makes each build import the code afresh.
Zensical ignores hooks: there, a restart would be needed after editing macros/.
"""

import sys

from mkdocs.plugins import event_priority


@event_priority(100)
def on_config(config):
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    return config
