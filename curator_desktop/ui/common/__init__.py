"""What every feature's UI shares: errors, background tasks, the page base, screen fitting."""
