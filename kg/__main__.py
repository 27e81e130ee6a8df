"""`python -m kg`: the same as the `kg` script, for a shell without the venv's bin on its path."""

from kg.cli import main

main()
