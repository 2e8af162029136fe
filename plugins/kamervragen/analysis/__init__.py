"""The text of an archive analysed once per build: search records, term statistics, similar sets."""
