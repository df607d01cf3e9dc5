"""Job-ad views: ``public`` (the board, no login), ``staff`` (reading), ``editing`` and ``families``."""
