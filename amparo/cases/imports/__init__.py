"""Bulk import of protection cases and their beneficiaries from CSV (docs/import-format.md).

columns.py    the file format: headers and accepted values
rows.py       reading and validating rows, without writing (pure, with precomputed lookups)
matching.py   what the database already holds: imported references, people to reuse
writer.py     the bulk writes of a valid file (people, cases, folios, timeline)
services.py   `cases_import`: the one entry point of the command, the page and the API
synthetic.py  a deterministic N-row valid file for tests and the benchmark
"""
