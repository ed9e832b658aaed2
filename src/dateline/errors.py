"""Errors a user can act on: each names the input and what is wrong with it."""


class InputError(Exception):
    """Bad input: the file (and record, if any) and the problem, in one line."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PassedOver(InputError):
    """Input that is readable but holds no article (an image record, a redirect): named in the
    build report as passed over, which is not a failure."""


class StoreError(Exception):
    """The SQLite store cannot be used as it is (newer schema, not a Dateline file)."""


class LimitExceeded(Exception):
    """A stream passed one of the read limits; the reader turns it into an InputError naming the file."""
