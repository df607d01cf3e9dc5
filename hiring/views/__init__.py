"""Views of the hiring app, one module per audience: site-wide, intake (candidates), staff."""
