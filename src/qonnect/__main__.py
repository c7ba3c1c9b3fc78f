"""`python -m qonnect` runs the command line."""

from qonnect.cli.app import run

run()
