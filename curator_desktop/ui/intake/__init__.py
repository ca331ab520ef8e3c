"""The «Packages» page: packages received and the review of the curators' reports."""
