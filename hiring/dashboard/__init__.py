"""The reviewer dashboard: homes, boards, the candidate page, stages and their emails, notes,
prompts, scorecards, analytics, the CSV and blind review."""
