"""The pipeline an application moves through: the stage rules, the stage emails and the one write.

Below the rooms that move applications: the dashboard (a reviewer's move, a bulk move) and intake
(a candidate withdrawing from their status link) both move through ``stages.move_stage``.
"""
