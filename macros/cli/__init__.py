"""The command-line tasks behind scripts/handbook.py."""
