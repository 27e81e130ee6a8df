"""Stage `cli`: the `kg` command. Each command parses its options, calls one library
function and prints; errors reach `main()` as `KgError` and are printed as one line.

The top of the stack: may import every other package; nothing imports it.
"""

from kg.cli.app import app, main

__all__ = ["app", "main"]
