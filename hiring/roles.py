"""Staff roles: the two groups and the permissions each holds (``core.access`` is the guard).

Groups are the unit of access: a user is a recruiter or a hiring manager by membership. Data
migrations call ``sync_role_groups`` so that every deployment has the groups and their
permissions without a manual step.
"""

from __future__ import annotations

from typing import Any

RECRUITERS = "Recruiters"
HIRING_MANAGERS = "Hiring managers"
STAFF_ROLES = (RECRUITERS, HIRING_MANAGERS)

# "app_label.codename" of every permission a role holds. Add a line here and a data migration
# that calls sync_role_groups when an app gains a model.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    RECRUITERS: (
        "jobads.add_jobad",
        "jobads.change_jobad",
        "jobads.view_jobad",
        "jobads.publish_jobad",
        "jobads.add_rolefamily",
        "jobads.change_rolefamily",
        "jobads.view_rolefamily",
        "portfolios.view_knownrepository",
        "hiring.view_ad_analytics",  # aggregates only: recruiters never see who applied
        "hiring.confirm_erasure",  # a candidate's request, named by its reference and ad only
        "hiring.view_emailtemplate",  # the stage emails, for every ad or for one
        "hiring.change_emailtemplate",
    ),
    # own_jobad: may be named owner of an ad, and sees (never edits) the ads they own. The
    # application permissions reach only the ads they own or review (ApplicationQuerySet.visible_to).
    HIRING_MANAGERS: (
        "jobads.own_jobad",
        "jobads.view_rolefamily",
        "portfolios.view_knownrepository",
        "portfolios.add_knownrepository",
        "portfolios.delete_knownrepository",
        "hiring.view_application",
        "hiring.change_application",
        "hiring.download_resume",
        "hiring.view_ad_analytics",
        "hiring.view_note",
        "hiring.add_note",
        "hiring.add_scorecard",  # interviewers: who may see whose scorecard is hiring.dashboard.scorecards
    ),
}


def sync_role_groups(apps: Any, schema_editor: Any = None) -> None:
    """Create the role groups and grant each its listed permissions that exist (idempotent).

    Permissions of models not migrated yet are granted by the later migration that creates them,
    which calls this again.
    """
    from django.contrib.auth.management import create_permissions
    from django.db.models import Q

    for label in {perm.split(".", 1)[0] for perms in ROLE_PERMISSIONS.values() for perm in perms}:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue  # none of that app's models is migrated yet: its own migration grants them
        app_config.models_module = True  # migration state stubs say "no models" until told
        create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(permission_model.objects.filter(wanted))
