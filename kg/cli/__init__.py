"""Stage `cli`: the `kg` command. Each command parses its options, calls one library
function and prints; a `KgError` reaches `main()` and is printed as one line.

`app` holds the shared Typer app and helpers; one module per command group defines the
commands, registered here in the order `kg --help` lists them. The top of the stack: may
import every other package; nothing imports it.
"""

from kg.cli.app import app, main, rules_app
from kg.cli.build import build, load
from kg.cli.export import export
from kg.cli.quality import evaluate, rules_check, rules_test, validate
from kg.cli.query import explain, query
from kg.cli.store import push, serve
from kg.cli.viz import viz

for command in (build, query, viz, export, explain, evaluate, serve, push, validate, load):
    app.command()(command)
rules_app.command("check")(rules_check)
rules_app.command("test")(rules_test)

__all__ = ["app", "main"]
