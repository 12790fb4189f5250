"""The desktop program: ``dorpsondersteuner [--demo] [--data-dir PATH] [--user NAME]``.

Imports stay light until the window is on screen: Qt first, the register later.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .paths import DATA_DIR_ENV, data_dir


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dorpsondersteuner",
        description="Register and escalation workflow for village supporters.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo register with fictional data (made on first start)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help=f"folder for the registers (default: ${DATA_DIR_ENV}, else the platform's)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None,
        help="the demo user to start as (default: a village supporter)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # Only now load Qt (and never SQLAlchemy here): the window must paint first.
    from .ui.app import Options, run

    user = args.user or "ingrid"  # demo.directory.DEFAULT_DEMO_USER; that module is heavy
    return run(Options(data_dir=data_dir(args.data_dir), demo=args.demo, user=user))


if __name__ == "__main__":
    sys.exit(main())
