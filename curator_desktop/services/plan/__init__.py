"""The curator's plan over the store: entries, marks and links of roadmap items."""
