"""The `praxis` command's shape: every command and group answers --help, completion scripts name the command,
and the old invocations still parse (the ones the Dockerfiles, compose, Kubernetes and the tests use)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from praxis_common import registry
from praxis_common.cli import main


def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command as Click finds it (the ones of installed packages are loaded by name when asked for)."""
    found = [path]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_command_answers_help():
    every = commands(main)
    assert {("serve",), ("migrate",), ("dlq", "list"), ("dlq", "replay"), ("outbox", "status"), ("completion",)} <= set(
        every
    )
    assert {("up",), ("keygen",), ("token",)} <= set(every)  # the dev package's, through its entry points
    for path in every:
        done = CliRunner().invoke(main, [*path, "--help"], prog_name="praxis")
        assert done.exit_code == 0, (path, done.output)
        assert f"Usage: praxis {' '.join(path)}".rstrip() in done.output, done.output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_complete_praxis(shell):
    done = CliRunner().invoke(main, ["completion", shell], prog_name="praxis")
    assert done.exit_code == 0 and "_PRAXIS_COMPLETE" in done.output, done.output


def test_service_names_complete_and_an_unknown_one_is_refused_naming_the_installed():
    done = CliRunner().invoke(main, ["serve", "nowhere"], prog_name="praxis")
    assert done.exit_code == 2 and "'nowhere' is not an installed service" in done.output, done.output
    assert all(name in done.output for name in registry.service_names()), done.output
    completed = CliRunner().invoke(
        main,
        [],
        prog_name="praxis",
        env={"_PRAXIS_COMPLETE": "bash_complete", "COMP_WORDS": "praxis serve m", "COMP_CWORD": "2"},
    )
    assert "mentors" in completed.output, completed.output


def test_replay_needs_ids_or_all_and_since_must_be_a_time():
    neither = CliRunner().invoke(main, ["dlq", "replay"], prog_name="praxis")
    assert neither.exit_code == 2 and "give letter IDs or --all" in neither.output
    since = CliRunner().invoke(main, ["dlq", "list", "--since", "yesterday"], prog_name="praxis")
    assert since.exit_code == 2 and "--since" in since.output and "15m" in since.output
