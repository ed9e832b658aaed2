"""Errors a user can act on: each names the input and what is wrong with it."""


class InputError(Exception):
    """Bad input: the file (and record, if any) and the problem, in one line."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(Exception):
    """The SQLite store cannot be used as it is (newer schema, not a Dateline file)."""
