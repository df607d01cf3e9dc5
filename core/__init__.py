"""What every app of the project stands on: the staff access guard, the one enqueue helper, form
messages and sentences written for people. Imports Django and rq only, never a project app."""
