"""The `qonnect` command line."""
