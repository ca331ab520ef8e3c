"""The curator's plan: when each roadmap item is due, its status, and the list it falls into."""
