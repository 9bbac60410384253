"""The ``ipgraph`` command: serve, seed, generate, export and benchmark."""
