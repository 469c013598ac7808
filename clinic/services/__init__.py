"""Writes: every change to the clinic's data goes through a function here, atomically."""
