"""Candidates' data over time: erasure on request, the retention purge, and the audit log that
outlives both."""
