"""The desktop program.

    dorpsondersteuner [--demo] [--user NAME] [--data-dir PATH] [--lang nl|en]
                      [--screenshot FILE [--view VIEW]]
    dorpsondersteuner connect|sync|status …   (without a window: ``cli.py``)

Imports stay light until the window is on screen: Qt first, the register later.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import DATA_DIR_ENV, data_dir
from .ui import SCREENSHOT_VIEWS

HEADLESS_COMMANDS = ("connect", "sync", "status")  # cli.py; no Qt is loaded for them


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
        "--user",
        metavar="NAME",
        default=None,
        help="the demo user to start as, skipping the 'who are you' choice (e.g. ingrid)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help=f"folder for the registers (default: ${DATA_DIR_ENV}, else the platform's)",
    )
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="nl",
        help="language of the program (default: nl, Dutch)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="render a view of the demo register at 1280x800 to a PNG file and exit",
    )
    parser.add_argument(
        "--view",
        choices=SCREENSHOT_VIEWS,
        default="list",
        help="the view --screenshot renders (default: list)",
    )
    args = parser.parse_args(argv)
    if args.view != "list" and args.screenshot is None:
        parser.error("--view only goes with --screenshot")
    return args


def without_display() -> bool:
    """True on Linux with no screen to show a window on (a server, an SSH session)."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in HEADLESS_COMMANDS:
        from .cli import main as headless

        return headless(arguments)
    args = parse_args(arguments)
    if without_display():
        if args.screenshot is None:
            # Qt would abort with a misleading message about missing xcb libraries.
            print(
                "dorpsondersteuner: no screen found (DISPLAY is not set). Start it on a "
                "desktop, under xvfb-run, or use --screenshot FILE to render a view.",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    # Only now load Qt (and never SQLAlchemy here): the window must paint first.
    from .ui.app import Options, run

    return run(
        Options(
            data_dir=data_dir(args.data_dir),
            demo=args.demo,
            user=args.user,
            language=args.lang,
            screenshot=args.screenshot,
            view=args.view,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
