"""A school's documents in the window: the card's «Документы» tab, the review editor, the
dialogs that receive versions and confirmations, and the curator's worklist page."""
