"""Entry point for `python -m monitor`."""

from monitor.cli import main

# Worker processes are spawned and import this module; only the real entry runs the CLI.
if __name__ == "__main__":
    main()
