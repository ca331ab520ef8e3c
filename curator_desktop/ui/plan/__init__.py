"""The Plan page: the curator's roadmap items as lists and a timeline, and roadmap import."""
