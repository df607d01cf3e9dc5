"""The role matrix as the tests check it: for every named URL, the method and the answer each kind
of visitor gets for an object of one ad. The README's "Who may do what" table says the same in words.

Visitors: anonymous; a candidate holding a status link; a recruiter; a hiring manager of the ad
(its owner or a reviewer); a hiring manager of another ad; a superuser (who gets what the ad's
manager gets, or is let through where the manager is refused).
"""

from __future__ import annotations

from typing import Any

ROLES = ("anonymous", "candidate", "recruiter", "owner", "other_manager", "superuser")
LOGIN = "login"  # a redirect to the sign-in page

PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_ONLY = {"anonymous": LOGIN, "candidate": LOGIN, "recruiter": 200, "owner": 200, "other_manager": 200}
AD_PAGE = {**STAFF_ONLY, "other_manager": 404}  # an ad's staff pages: recruiters, and the ad's managers
RECRUITER_PAGE = {**STAFF_ONLY, "owner": 403, "other_manager": 403}
MANAGERS_ONLY = {**STAFF_ONLY, "recruiter": 403}
# Who applied, and what is decided about them: the ad's hiring managers only (never recruiters).
CANDIDATES = {**STAFF_ONLY, "recruiter": 403, "other_manager": 404}

# name → (method, expected answer per visitor)
MATRIX: dict[str, tuple[str, dict[str, Any]]] = {
    "home": ("GET", PUBLIC),
    "healthz": ("GET", PUBLIC),
    "favicon": ("GET", {role: 301 for role in ROLES}),
    "login": ("GET", {**PUBLIC, "recruiter": 302, "owner": 302, "other_manager": 302, "superuser": 302}),
    "jobads:board": ("GET", PUBLIC),
    "jobads:feed": ("GET", PUBLIC),
    "jobads:detail": ("GET", PUBLIC),
    "hiring:apply": ("GET", PUBLIC),
    "hiring:salary_check": ("GET", PUBLIC),
    "hiring:applied": ("GET", PUBLIC),
    "hiring:status": ("GET", PUBLIC),
    "hiring:withdraw": ("GET", PUBLIC),  # the link is the key; it asks to confirm, the POST withdraws
    "hiring:erase": ("GET", PUBLIC),  # asks to confirm; the POST records the request
    "hiring:book_interview": ("POST", {role: 302 for role in ROLES}),  # the link is the key; back to it
    "hiring:interview_calendar": ("GET", PUBLIC),  # the booked interview's .ics
    "staff_home": ("GET", STAFF_ONLY),
    "daily_digest": ("POST", {**MANAGERS_ONLY, "owner": 302, "other_manager": 302}),  # on or off, back home
    "jobads:staff_list": ("GET", STAFF_ONLY),
    "jobads:staff_detail": ("GET", AD_PAGE),
    "jobads:ad_preview": ("GET", AD_PAGE),
    "jobads:ad_create": ("GET", RECRUITER_PAGE),
    "jobads:ad_edit": ("GET", RECRUITER_PAGE),
    "jobads:ad_duplicate": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:ad_publish": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:ad_close": ("GET", RECRUITER_PAGE),  # asks to confirm; the POST closes
    "jobads:ad_reopen": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:family_list": ("GET", STAFF_ONLY),
    "jobads:family_create": ("GET", RECRUITER_PAGE),
    "jobads:family_edit": ("GET", RECRUITER_PAGE),
    "portfolios:known_repositories": ("GET", STAFF_ONLY),
    "portfolios:remove_known_repository": (
        "POST",
        {**STAFF_ONLY, "recruiter": 403, "owner": 302, "other_manager": 302},
    ),
    "portfolios:refresh_known_repository": (
        "POST",
        {**STAFF_ONLY, "recruiter": 403, "owner": 302, "other_manager": 302},
    ),
    "hiring:pipelines": ("GET", MANAGERS_ONLY),
    "hiring:search": ("GET", MANAGERS_ONLY),  # each finds only the candidates of the ads they triage
    "hiring:analytics": ("GET", AD_PAGE),  # counts only, so recruiters read it too
    "hiring:board": ("GET", CANDIDATES),
    "hiring:board_export": ("GET", CANDIDATES),
    "hiring:kanban": ("GET", CANDIDATES),
    "hiring:kanban_column": ("GET", CANDIDATES),  # a column's next cards ("Show more")
    "hiring:bulk_move": ("POST", {**CANDIDATES, "owner": 302}),  # nothing ticked: back to the board
    "hiring:application": ("GET", CANDIDATES),
    "hiring:resume": ("GET", CANDIDATES),
    "hiring:review_status": ("GET", CANDIDATES),
    "hiring:move": ("GET", CANDIDATES),
    "hiring:note_add": ("POST", {**CANDIDATES, "owner": 400}),  # an empty note
    "hiring:review_retry": ("POST", {**CANDIDATES, "owner": 302}),
    "hiring:scorecard": ("POST", {**CANDIDATES, "owner": 400}),  # an empty scorecard
    "hiring:offer_times": ("POST", {**CANDIDATES, "owner": 400}),  # no time given
    "hiring:cancel_interview": ("POST", {**CANDIDATES, "owner": 302}),
    "hiring:email_times": ("GET", CANDIDATES),  # the open times' email, read before it goes
    "hiring:note_edit": ("GET", {**CANDIDATES, "superuser": 404}),  # its author's only
    "hiring:near_copy": ("GET", CANDIDATES),  # one copied file side by side
    "hiring:erasure_requests": ("GET", RECRUITER_PAGE),  # by reference and ad: no name
    "hiring:email_templates": ("GET", RECRUITER_PAGE),  # the stage emails recruiters write
    "hiring:email_template": ("GET", RECRUITER_PAGE),
    "hiring:email_template_ad": ("GET", RECRUITER_PAGE),
    "hiring:erasure_confirm": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "logout": ("POST", {role: 302 for role in ROLES}),
}


def expected_for(name: str, role: str) -> Any:
    method, by_role = MATRIX[name]
    if role in by_role:
        return by_role[role]
    owner = by_role["owner"]
    return (200 if method == "GET" else 302) if owner in (403, 404) else owner
