"""Curated data the portal ships with: the occupations and skills list, and the demo postings."""
