"""Job ads: role families, pay ranges, responsibilities, recruiter pages and the public board."""
