"""法治年报 — entry point: the window by default, or a CLI subcommand for scripting (see cli/main.py)."""
import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
