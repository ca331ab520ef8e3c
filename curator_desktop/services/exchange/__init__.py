"""Exchange by file: one ``*.curator`` package carries records, attachments and reports between
a curator's computers and the coordinator (see docs/exchange-format.md)."""
