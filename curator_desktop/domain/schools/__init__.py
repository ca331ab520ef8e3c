"""A school's fields and rules: the card's and the importer's one rule set, the ИНН checksum."""
