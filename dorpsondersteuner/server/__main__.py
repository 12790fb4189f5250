"""``python -m dorpsondersteuner.server`` runs the same CLI as ``dorpsondersteuner-server``."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
