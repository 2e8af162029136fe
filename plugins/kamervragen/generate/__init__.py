"""Generators: each module makes one kind of output from a Context (`site.py`) and imports no other."""
