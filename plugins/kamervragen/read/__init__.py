"""Readers: note and theme files in, validated model objects and problems (file, line, field) out."""
