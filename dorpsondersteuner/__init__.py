"""Dorpsondersteuner: the register and escalation workflow of village supporters.

The core package never imports Qt or FastAPI: the desktop app (``ui``), the sync
server (``server``) and the tests all build on it.
"""

__version__ = "0.1.0"
