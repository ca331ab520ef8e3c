"""What a file from outside may hold, checked before it is parsed.

``zips``: a zip (an exchange package, a DOCX, an XLSX) judged from its end record and central
directory before anything is unpacked. ``json_text``: JSON nesting and number length bounded
before parsing, a JSON array read one element at a time, numbers a store can hold. ``office``:
DOCX and XLSX opened only through the zip check, sheets read with bounded rows and columns, and
the parsers' own errors. ``text``: a text file's encoding (UTF-16 included) told from its bytes.
"""
