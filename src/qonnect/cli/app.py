"""The `qonnect` command line: one typer app, one module per command.

Every command takes `--json`; exit 0 on success, 2 on bad input (one line, no traceback),
1 on an internal error. `main(argv)` runs in-process for tests.
"""

from __future__ import annotations

import os
import sys

import typer
from typer._click import exceptions as click_exc  # NOTE: typer vendors its own click

from qonnect.cli.output import err_console

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
    from qonnect.cli import distribute_cmd, presets_cmd, version_cmd

    version_cmd.register(app)
    presets_cmd.register(app)
    distribute_cmd.register(app)
    from qonnect.cli import qec_cmd

    qec_cmd.register(app)


_register_commands()


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
        err_console.print("aborted")
        return 130
    except click_exc.UsageError as e:
        msg = e.format_message().replace("\n", " ")
        cmd = f" {e.ctx.command_path}" if e.ctx is not None else ""
        err_console.print(f"error{cmd}: {msg}", markup=False, highlight=False)
        return 2
    except (QonnectError, ValueError) as e:
        err_console.print(f"error: {e}".replace("\n", " "), markup=False, highlight=False)
        return 2
    except Exception as e:  # NOTE: the CLI's last line of defence: an internal error, exit 1
        if os.environ.get("QONNECT_DEBUG"):
            raise
        err_console.print(
            f"internal error: {type(e).__name__}: {e} (set QONNECT_DEBUG=1 for a traceback)",
            markup=False,
            highlight=False,
        )
        return 1
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
