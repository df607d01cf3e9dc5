"""The demo (`make run`, `seed_demo`): its accounts, candidates with real repositories served by
the loopback GitHub, and bulk applications for scale. DEBUG only."""
