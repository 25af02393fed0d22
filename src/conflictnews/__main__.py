"""``python -m conflictnews`` runs the command line."""

from conflictnews.cli import main

main()
