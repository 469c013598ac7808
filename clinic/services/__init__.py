"""Writes: validated, transactional, audited; page-building reads live in clinic.selectors."""
