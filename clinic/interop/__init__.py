"""Roads in and out for other systems: FHIR R4 import and export, and the CDS Hooks service.

Everything here translates, then calls the validated services or the engine; no clinical rule
lives in this package.
"""
