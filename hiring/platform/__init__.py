"""Project wiring: settings readers, the embedded Redis, middleware, the client address, rate
limits, health, child processes, the superuser admin site and the site-wide pages."""
