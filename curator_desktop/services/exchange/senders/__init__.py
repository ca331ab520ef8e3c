"""Proof of the sender: the store's signing key, the senders' keys it remembers, the rules an
import applies to a package's sender, and the sender in words."""
