"""Portfolio reviews: fetch a candidate's public repositories and score them statically."""
