"""Project package (settings, URLs, WSGI) and the applicant pipeline: intake, flags, dashboard."""
