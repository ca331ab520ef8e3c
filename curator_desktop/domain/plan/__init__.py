"""The curator's plan: which roadmap items are the curator's, when each is due and its status."""
