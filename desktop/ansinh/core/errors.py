"""Errors the user can act on.

Every failure that reaches a person carries its message in Vietnamese and English,
written where the failure is detected, so the CLI and the GUI only choose a language.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, explained in both UI languages.

    `field` names the template field at fault (the GUI focuses it); `path` and `line`
    locate a problem inside a file (template checks, spreadsheets).
    """

    def __init__(
        self,
        vi: str,
        en: str,
        *,
        field: str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(vi)
        self.vi = vi
        self.en = en
        self.field = field
        self.path = path
        self.line = line

    def __reduce__(self) -> tuple:
        # Crosses process boundaries (render workers) with every attribute intact.
        return (_rebuild, (self.vi, self.en, self.field, self.path, self.line))

    def text(self, lang: str = "vi") -> str:
        message = self.en if lang == "en" else self.vi
        if self.path:
            where = f"{self.path}:{self.line}" if self.line else self.path
            return f"{where}: {message}"
        return message

    def __str__(self) -> str:
        return self.text("vi")


def _rebuild(vi: str, en: str, field: str | None, path: str | None, line: int | None) -> UserError:
    return UserError(vi, en, field=field, path=path, line=line)
