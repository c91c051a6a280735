"""The `<year:…>` path converter of the season reports: four digits, so that a long number
is a 404 before it reaches a view (like core's `<id:…>` for primary keys)."""


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"
