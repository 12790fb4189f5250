"""Open a register in a fresh process, run one trivial query, print ``open <seconds>``.

Seconds since DORPSONDERSTEUNER_T0 (set by the benchmark at spawn): the interpreter's
start and every import count, as they do for a user.
"""

import os
import sys
import time

T0 = float(os.environ.get("DORPSONDERSTEUNER_T0") or time.time())

if __name__ == "__main__":
    from sqlalchemy import func, select

    from dorpsondersteuner.models import Area
    from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register

    register = open_register(sys.argv[1], DEMO_REGISTER_KEY)
    with register.sessions() as session:
        session.scalar(select(func.count()).select_from(Area))
    print(f"open {time.time() - T0:.4f}", flush=True)
    register.close()
