"""The `id` path converter: a primary key as it fits the database.

Django's `int` converter accepts any number of digits, and SQLite raises OverflowError for
a number beyond 64 bits (a 500 instead of a 404). `<id:pk>` matches at most 18 digits
(below 2**63 on every database), so a longer number finds no URL: 404. Registered once in
`CoreConfig.ready()`, before any URL module is imported; every primary key in a URL uses it.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
