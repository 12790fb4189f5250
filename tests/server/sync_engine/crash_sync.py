"""One sync in a process of its own that kills itself with SIGKILL in its N-th
transaction, just before the commit: its writes are in SQLite, not committed (a push's
answers, a pulled page with its purges and cursor, the snapshot import, the search
index).

    python -m tests.server.sync_engine.crash_sync REGISTER KEY_HEX URL TOKEN N

Exit 0: the sync ended before its N-th commit.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import Connection, event

from dorpsondersteuner.register import open_register
from dorpsondersteuner.sync.client import SyncClient
from dorpsondersteuner.sync.engine import sync


def main() -> int:
    path, key, url, token, kill_at = sys.argv[1:6]
    commits = 0

    def maybe_die(_connection: Connection) -> None:
        nonlocal commits
        commits += 1
        if commits == int(kill_at):
            os.kill(os.getpid(), signal.SIGKILL)

    register = open_register(Path(path), bytes.fromhex(key))
    event.listen(register.engine, "commit", maybe_die)
    with SyncClient(url, token) as client:
        sync(register, client, batch=2, page_limit=4)
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
