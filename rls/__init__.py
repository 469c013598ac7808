"""The RLS knowledge base and findings engine: a patient snapshot in, findings out.

Pure Python: nothing in this package imports Django, so the rules can be tested and
benchmarked without a database, and every caller (pages, admin, the `findings` command)
gets its findings from the same `evaluate` call.
"""
