"""Provenance: HEAD, root commits, authorship share, and copies of known repositories caught
whether or not GitHub marks them as forks."""

from __future__ import annotations

import shutil

from portfolios.analysis import AnalysisLimits, AuthorIdentity, KnownRepository, analyze_tree, find_copies

from .repos import DOCUMENTED_TYPED, NO_TESTS, commit_all, git, git_repo, write_tree

BOB = ("Bob Builder", "bob@example.com")


def provenance_of(root, identity=None):
    return analyze_tree(root, AnalysisLimits(), identity=identity).report.provenance


def known(name, root):
    return KnownRepository(name=name, provenance=provenance_of(root))


def test_history_gives_head_roots_commit_count_and_last_commit_date(tmp_path):
    repo = git_repo(tmp_path / "repo", DOCUMENTED_TYPED)
    write_tree(repo, {"more.py": "x = 2\n"})
    head = commit_all(repo, "more", author=BOB, date="2024-05-06T07:08:09+00:00")

    report = analyze_tree(repo, AnalysisLimits()).report

    provenance = report.provenance
    assert (provenance.head_sha, provenance.history, provenance.commit_count) == (head, "full", 2)
    assert provenance.root_commits == [git(repo, "rev-list", "--max-parents=0", "HEAD").strip()]
    assert report.organization.last_commit_at is not None
    assert report.organization.last_commit_at.isoformat() == "2024-05-06T07:08:09+00:00"


def test_author_share_matches_emails_and_github_noreply_logins(tmp_path):
    repo = git_repo(tmp_path / "repo", DOCUMENTED_TYPED)
    commit_all(repo, "by bob", author=BOB)
    commit_all(repo, "bob via noreply", author=("B", "123+bobb@users.noreply.github.com"))
    commit_all(repo, "alice again")

    by_email = provenance_of(repo, AuthorIdentity(emails=("BOB@example.com",)))
    by_login = provenance_of(repo, AuthorIdentity(logins=("bobb",)))

    assert (by_email.author_share, by_login.author_share) == (0.25, 0.25)
    assert (by_email.authors[0].email, by_email.authors[0].commits) == ("alice@example.com", 2)


def test_a_mailmap_in_the_repository_cannot_reassign_commits(tmp_path):
    repo = git_repo(tmp_path / "repo", {".mailmap": "Bob Builder <bob@example.com> <alice@example.com>\n"})

    provenance = provenance_of(repo, AuthorIdentity(emails=("bob@example.com",)))

    assert provenance.author_share == 0.0


def test_a_fork_like_copy_sharing_a_root_commit_is_caught(tmp_path):
    original = git_repo(tmp_path / "managers-repo", DOCUMENTED_TYPED)
    copy = tmp_path / "candidate-copy"
    shutil.copytree(original, copy)
    write_tree(copy, {"churn/model.py": "# rewritten entirely\n"})
    commit_all(copy, "make it mine", author=BOB)

    matches = find_copies(provenance_of(copy), [known("manager/churn", original)])

    assert [(match.name, match.reason) for match in matches] == [("manager/churn", "shared_root_commit")]


def test_a_copy_with_fresh_history_is_caught_by_identical_content(tmp_path):
    files = DOCUMENTED_TYPED | {"churn/features.py": '"""Feature engineering for churn."""\n' * 5}
    original = git_repo(tmp_path / "managers-repo", files)
    copy = git_repo(tmp_path / "candidate-copy", files | {"extra.py": "print('mine')\n" * 10})

    matches = find_copies(provenance_of(copy), [known("manager/churn", original)])

    assert [(match.name, match.reason, match.content_overlap) for match in matches] == [
        ("manager/churn", "identical_content", 1.0)
    ]


def test_an_unrelated_repository_is_not_a_copy(tmp_path):
    original = git_repo(tmp_path / "managers-repo", DOCUMENTED_TYPED)
    unrelated = git_repo(tmp_path / "candidate", NO_TESTS)

    assert find_copies(provenance_of(unrelated), [known("manager/churn", original)]) == []


def test_a_folder_without_git_has_no_provenance_even_inside_another_repository(tmp_path):
    outer = git_repo(tmp_path / "outer", {"README.md": "# Outer\n"})
    inner = write_tree(outer / "inner", {"a.py": "x = 1\n"})

    provenance = provenance_of(inner)

    assert (provenance.head_sha, provenance.history, provenance.root_commits) == (None, "none", [])
