"""How an application comes in: the payload and its form, salaries and résumés, the submit that
saves it, the candidate's status page and their emails."""
