"""Text and files to and from the model, every problem located by file, row and column.

Plan files (TOML, JSON), tables of submissions, incidents and data values (read through the
data-source hook: CSV and JSON built in), and outputs written atomically.
"""
