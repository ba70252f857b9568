from enum import StrEnum


class MessageResponseMessage(StrEnum):
    USER_DELETE = "User Delete"

    def __str__(self) -> str:
        return str(self.value)
