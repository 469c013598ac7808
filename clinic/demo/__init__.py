"""A demo clinic with synthetic patients, seeded by `manage.py seed_demo` for trying Ekbom out."""
