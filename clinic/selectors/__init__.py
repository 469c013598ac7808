"""Reads that build pages and exports; they change nothing (writes live in clinic.services)."""
