"""`dateline settings`: every threshold and budget with its value, default, environment variable and why."""
from __future__ import annotations

import json

import typer
from rich.table import Table

from dateline.cli.app import JSON_OPTION, _fail, app, console


@app.command("settings")
def show_settings(
    set_: list[str] = typer.Option([], "--set", metavar="SECTION.NAME=VALUE", help="Show the values with these overrides."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the resolved settings (defaults, then DATELINE_* environment variables, then --set)."""
    from dateline.settings import SettingsError, describe, load_settings

    try:
        settings = load_settings(set_)
    except SettingsError as err:
        _fail(str(err))
    rows = describe(settings)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
        return
    table = Table("setting", "value", "default", "environment", "why")
    for row in rows:
        table.add_row(row["name"], str(row["value"]), str(row["default"]), row["env"], row["description"])
    console.print(table, markup=False, highlight=False)
