"""Clone safety with hostile fixture repositories built by the tests (RELIABILITY W7-W16)."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from portfolios import clone
from portfolios.analysis import analyze_repository
from portfolios.clone import CloneError, CloneLimits, shallow_clone, temporary_clone

from .repos import DOCUMENTED_TYPED, LOCAL_CLONES, commit_all, file_url, git, git_repo, notebook, write_tree

LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 123456\n"


def processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in command and entry.name != str(os.getpid()):
            found.append(command)
    return found


def test_a_clone_has_no_checkout_full_history_and_no_remote(tmp_path):
    source = git_repo(tmp_path / "source", DOCUMENTED_TYPED)
    commit_all(source, "second")

    cloned = shallow_clone(file_url(source), tmp_path / "clone", LOCAL_CLONES)

    assert [entry.name for entry in cloned.path.iterdir()] == [".git"]
    assert cloned.head_sha == git(source, "rev-parse", "HEAD").strip()
    assert git(cloned.path, "remote").strip() == ""
    report = analyze_repository(cloned.path).report
    assert (report.source, report.provenance.commit_count, report.docstrings.total) == ("git_objects", 2, 10)
    assert report.provenance.root_commits == [git(source, "rev-list", "--max-parents=0", "HEAD").strip()]


def test_a_clone_without_the_history_step_is_marked_shallow(tmp_path):
    source = git_repo(tmp_path / "source", {"a.py": "x = 1\n"})
    commit_all(source, "second")
    limits = LOCAL_CLONES.model_copy(update={"fetch_history": False})

    cloned = shallow_clone(file_url(source), tmp_path / "clone", limits)

    provenance = analyze_repository(cloned.path).report.provenance
    assert (cloned.has_history, provenance.history, provenance.root_commits) == (False, "shallow", [])


def test_w7_a_repository_reported_over_the_cap_is_refused_before_cloning(tmp_path):
    with pytest.raises(CloneError) as failure:
        shallow_clone("https://github.com/a/b", tmp_path / "clone", CloneLimits(), expected_size_bytes=10**12)

    assert failure.value.reason == "too_large"
    assert not (tmp_path / "clone").exists()


def test_w8_a_tarpit_server_is_killed_at_the_timeout_with_no_git_left_behind(tmp_path):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    threading.Thread(target=trickle_forever, args=(server,), daemon=True).start()
    limits = CloneLimits(allowed_protocols=("http",), timeout_seconds=1)

    started = time.monotonic()
    with pytest.raises(CloneError) as failure:
        shallow_clone(f"http://127.0.0.1:{port}/slow.git", tmp_path / "clone", limits)

    assert failure.value.reason == "clone_timeout"
    assert time.monotonic() - started < 5
    assert not (tmp_path / "clone").exists()
    assert processes_mentioning(f"127.0.0.1:{port}") == []
    server.close()


def trickle_forever(server: socket.socket) -> None:
    """Accept git's request and answer one header byte every 0.2 s, forever."""
    with server.accept()[0] as connection:
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(300):
            time.sleep(0.2)
            try:
                connection.sendall(b"X")
            except OSError:
                return


def test_w9_a_blob_over_the_limit_is_never_downloaded_and_reported_too_large(tmp_path):
    source = git_repo(tmp_path / "source", {"big.py": "x = 1\n" * 400_000, "small.py": "y = 2\n"})
    big_blob = git(source, "rev-parse", "HEAD:big.py").strip()

    cloned = shallow_clone(file_url(source), tmp_path / "clone", LOCAL_CLONES)

    assert cloned.missing_blobs == (big_blob,)
    assert (
        subprocess.run(["git", "-C", str(cloned.path), "cat-file", "-e", big_blob], check=False).returncode
        != 0
    )
    assert cloned.size_bytes < 100_000
    report = analyze_repository(cloned.path).report
    assert [(item.path, item.reason) for item in report.files.skipped] == [("big.py", "too_large")]
    assert (
        subprocess.run(["git", "-C", str(cloned.path), "cat-file", "-e", big_blob], check=False).returncode
        != 0
    )


def test_a_notebook_over_the_blob_limit_is_fetched_by_the_clone_all_the_same(tmp_path):
    plotted = notebook("import pandas as pd")
    heavy = plotted.replace(
        '"outputs": []', f'"outputs": [{{"output_type": "stream", "text": "{"x" * 1_500_000}"}}]'
    )
    source = git_repo(tmp_path / "source", {"eda.ipynb": heavy, "big.py": "x = 1\n" * 400_000})
    big_blob = git(source, "rev-parse", "HEAD:big.py").strip()

    cloned = shallow_clone(file_url(source), tmp_path / "clone", LOCAL_CLONES)

    assert cloned.missing_blobs == (big_blob,)  # only the notebook escapes the blob filter
    report = analyze_repository(cloned.path).report
    assert report.files.notebooks == 1 and report.notebooks.parsed_cells == 1
    assert [(item.path, item.reason) for item in report.files.skipped] == [("big.py", "too_large")]


def test_a_clone_over_the_size_cap_is_refused_and_removed(tmp_path):
    source = git_repo(tmp_path / "source", {"data.bin": os.urandom(300_000)})

    with pytest.raises(CloneError) as failure:
        shallow_clone(
            file_url(source), tmp_path / "clone", LOCAL_CLONES.model_copy(update={"max_bytes": 100_000})
        )

    assert failure.value.reason == "too_large"
    assert not (tmp_path / "clone").exists()


def test_w11_a_symlink_in_a_cloned_repository_is_skipped_and_never_read(tmp_path):
    source = git_repo(tmp_path / "source", {"a.py": "x = 1\n"})
    (source / "evil.py").symlink_to("/etc/passwd")
    commit_all(source, "link")

    with temporary_clone(file_url(source), LOCAL_CLONES) as cloned:
        report = analyze_repository(cloned.path).report

    assert ("evil.py", "symlink") in [(item.path, item.reason) for item in report.files.skipped]
    assert "root:x:0:0" not in report.model_dump_json()


def test_w12_a_submodule_is_never_initialized(tmp_path):
    source = git_repo(
        tmp_path / "source", {".gitmodules": '[submodule "lib"]\n\tpath = lib\n\turl = ../lib\n'}
    )
    git(source, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},lib")
    git(source, "commit", "--quiet", "-m", "submodule")

    cloned = shallow_clone(file_url(source), tmp_path / "clone", LOCAL_CLONES)

    assert not (cloned.path / "lib").exists()
    report = analyze_repository(cloned.path).report
    assert ("lib", "submodule") in [(item.path, item.reason) for item in report.files.skipped]


def test_w12_w13_hostile_gitmodules_and_malformed_objects_are_rejected_by_fsck(tmp_path):
    sentinel = tmp_path / "SENTINEL"
    gitmodules = (
        '[submodule "x"]\n\tpath = lib\r\n\turl = -u./payload\n'
        f'[submodule "y"]\n\tpath = y\n\turl = ext::sh -c touch% {sentinel}\n'
    )
    hostile = git_repo(tmp_path / "hostile", {".gitmodules": gitmodules})
    malformed = git_repo(tmp_path / "malformed", {"a.py": "x = 1\n"})
    tree = git(malformed, "rev-parse", "HEAD^{tree}").strip()
    bad_commit = f"tree {tree}\nauthor A <a@x 1700000000 +0000\ncommitter A <a@x> 1700000000 +0000\n\nbad\n"
    written = subprocess.run(
        ["git", "-C", str(malformed), "hash-object", "-t", "commit", "--literally", "-w", "--stdin"],
        input=bad_commit.encode(),
        capture_output=True,
        check=True,
    )
    git(malformed, "update-ref", "refs/heads/main", written.stdout.decode().strip())

    for source in (hostile, malformed):
        with pytest.raises(CloneError) as failure:
            shallow_clone(file_url(source), tmp_path / f"clone-{source.name}", LOCAL_CLONES)
        assert failure.value.reason == "repo_rejected_integrity"
        assert not (tmp_path / f"clone-{source.name}").exists()
    assert not sentinel.exists()


def test_w14_no_hook_or_smudge_filter_runs_even_when_the_workers_git_config_asks(tmp_path, monkeypatch):
    sentinel = tmp_path / "SENTINEL"
    hooks = write_tree(tmp_path / "hooks", {"reference-transaction": f"#!/bin/sh\ntouch {sentinel}\n"})
    (hooks / "reference-transaction").chmod(0o755)
    hostile_config = tmp_path / "gitconfig"
    hostile_config.write_text(
        f'[core]\n\thooksPath = {hooks}\n[filter "lfs"]\n\tsmudge = touch {sentinel}\n\trequired = true\n'
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(hostile_config))
    files = {".gitattributes": "*.py filter=lfs diff=lfs merge=lfs -text\n", "model.py": LFS_POINTER}
    source = git_repo(tmp_path / "source", files)

    with temporary_clone(file_url(source), LOCAL_CLONES) as cloned:
        report = analyze_repository(cloned.path).report

    assert not sentinel.exists()
    assert ("model.py", "lfs_pointer") in [(item.path, item.reason) for item in report.files.skipped]


@pytest.mark.parametrize(
    "url",
    [
        "file:///tmp/repo",
        "ext::sh -c touch% /tmp/x",
        "ssh://git@github.com/a/b",
        "git@github.com:a/b.git",
        "/tmp/repo",
    ],
)
def test_w15_transports_outside_the_allow_list_are_refused_before_git_runs(tmp_path, url):
    with pytest.raises(CloneError) as failure:
        shallow_clone(url, tmp_path / "clone", CloneLimits())

    assert failure.value.reason in {"transport_not_allowed", "invalid_url"}
    assert not (tmp_path / "clone").exists()


def test_w15_a_file_url_is_refused_unless_settings_allow_it(settings):
    settings.GIT_ALLOWED_PROTOCOLS = ["https"]

    with pytest.raises(CloneError) as failure:
        clone.validate_url("file:///tmp/repo", CloneLimits.from_settings().allowed_protocols)

    assert failure.value.reason == "transport_not_allowed"


def test_w16_an_option_shaped_url_is_rejected_and_would_be_inert_anyway(tmp_path):
    sentinel = tmp_path / "SENTINEL"
    hostile = f"--upload-pack=touch {sentinel}"

    with pytest.raises(CloneError) as failure:
        shallow_clone(hostile, tmp_path / "clone", CloneLimits())
    assert failure.value.reason == "invalid_url"

    arguments = clone.clone_arguments(hostile, tmp_path / "bypass", LOCAL_CLONES)
    assert arguments[arguments.index("--") + 1] == hostile
    subprocess.run(["git", *arguments], cwd=tmp_path, capture_output=True, check=False)
    assert not sentinel.exists()


def test_the_temporary_directories_are_removed_after_use_and_after_failure(tmp_path, monkeypatch):
    source = git_repo(tmp_path / "source", {"a.py": "x = 1\n"})
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    with temporary_clone(file_url(source), LOCAL_CLONES) as cloned:
        assert cloned.path.is_relative_to(scratch)
    with pytest.raises(CloneError), temporary_clone(file_url(tmp_path / "missing"), LOCAL_CLONES):
        pass

    assert list(scratch.iterdir()) == []


def test_git_runs_with_no_inherited_secret_or_user_config(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret")
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "ext")

    environment = clone._Git(
        home="/tmp/h", limits=CloneLimits(), deadline=0, watch=Path("/tmp/x")
    ).environment

    assert "GITHUB_TOKEN" not in environment
    assert environment["GIT_ALLOW_PROTOCOL"] == "https"
    assert (environment["GIT_CONFIG_GLOBAL"], environment["GIT_CONFIG_NOSYSTEM"]) == (os.devnull, "1")
    assert (environment["GIT_TERMINAL_PROMPT"], environment["GIT_LFS_SKIP_SMUDGE"]) == ("0", "1")


def test_c6_an_rq_job_timeout_during_git_leaves_no_git_process_behind(tmp_path):
    """RQ's work horse raises JobTimeoutException from SIGALRM; the clone's cleanup still kills git."""
    from rq.timeouts import JobTimeoutException, UnixSignalDeathPenalty

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    threading.Thread(target=trickle_forever, args=(server,), daemon=True).start()
    limits = CloneLimits(allowed_protocols=("http",), timeout_seconds=60)  # RQ's timeout fires first

    with pytest.raises(JobTimeoutException), UnixSignalDeathPenalty(1, JobTimeoutException):
        shallow_clone(f"http://127.0.0.1:{port}/slow.git", tmp_path / "clone", limits)

    assert processes_mentioning(f"127.0.0.1:{port}") == []
    assert not (tmp_path / "clone").exists()
    server.close()
