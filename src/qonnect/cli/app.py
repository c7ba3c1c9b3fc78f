"""The `qonnect` command line: one typer app, one module per command.

Every command takes `--json`; exit 0 on success, 2 on bad input (one line, no traceback),
1 on an internal error. `main(argv)` runs in-process for tests.
"""

from __future__ import annotations

import os
import sys

import typer
from typer._click import exceptions as click_exc  # NOTE: typer vendors its own click

app = typer.Typer(
    name="qonnect",
    help="Simulate networked quantum computers end to end.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Simulate networked quantum computers end to end."""


def _register_commands() -> None:
    # Each command module defines `register(app)`; one line per command here.
    from qonnect.cli import (
        demo_cmd,
        distribute_cmd,
        link_cmd,
        network_cmd,
        presets_cmd,
        qec_cmd,
        require_cmd,
        run_cmd,
        sweep_cmd,
        version_cmd,
    )

    version_cmd.register(app)
    presets_cmd.register(app)
    link_cmd.register(app)
    demo_cmd.register(app)
    distribute_cmd.register(app)
    qec_cmd.register(app)
    network_cmd.register(app)
    sweep_cmd.register(app)
    require_cmd.register(app)
    run_cmd.register(app)


_register_commands()


def _say(message: str) -> None:
    """One line on stderr, never wrapped."""
    print(" ".join(message.split()), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (default: sys.argv[1:]) and return the exit code."""
    from qonnect.core.errors import QonnectError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="qonnect", standalone_mode=False)
    except click_exc.NoArgsIsHelpError:
        return 0
    except typer.Exit as e:
        return int(e.exit_code)
    except typer.Abort:
        _say("aborted")
        return 130
    except click_exc.UsageError as e:
        msg = e.format_message().replace("\n", " ")
        cmd = f" {e.ctx.command_path}" if e.ctx is not None else ""
        _say(f"error{cmd}: {msg}")
        return 2
    except (QonnectError, ValueError) as e:
        _say(f"error: {e}")
        return 2
    except Exception as e:  # NOTE: the CLI's last line of defence: an internal error, exit 1
        if os.environ.get("QONNECT_DEBUG"):
            raise
        _say(f"internal error: {type(e).__name__}: {e} (set QONNECT_DEBUG=1 for a traceback)")
        return 1
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
