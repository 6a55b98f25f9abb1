"""The interactive shell: small parts wired together in :mod:`kg.repl.app`."""
