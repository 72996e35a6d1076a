"""Versions of a contract in git: what changed, and the comparison document."""
