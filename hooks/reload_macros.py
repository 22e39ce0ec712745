"""Make edits to the macros/ package take effect under `mkdocs serve` without a restart.

The macros plugin imports macros/ once; Python then keeps the module in sys.modules
and every rebuild would run the old code. When a file of macros/ has changed since it was
imported, forgetting the package before the plugin's own on_config (priority 100 runs first)
makes that build import the code afresh. While the code is unchanged (an editor changing
pages or data), the package stays: its caches, keyed by each file's content, then spare a
rebuild reading and checking again what has not changed.
Zensical ignores hooks: there, a restart would be needed after editing macros/.
"""

import sys

from mkdocs.plugins import event_priority


@event_priority(100)
def on_config(config):
    package = sys.modules.get("macros")
    try:
        unchanged = package is not None and package.source_times() == package.LOADED_SOURCE_TIMES
    except (AttributeError, OSError):  # a package from before these names, or a file just removed
        unchanged = False
    if not unchanged:
        for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
            del sys.modules[name]
    return config
