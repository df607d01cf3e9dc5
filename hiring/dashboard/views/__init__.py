"""The dashboard's pages, one module per page family; each fetches through ``dashboard.access``."""
