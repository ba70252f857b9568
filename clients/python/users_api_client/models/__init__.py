"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .error_errors_item import ErrorErrorsItem
from .message_response import MessageResponse
from .message_response_message import MessageResponseMessage
from .user import User
from .user_create import UserCreate
from .user_list_response import UserListResponse
from .user_list_response_message import UserListResponseMessage
from .user_response import UserResponse
from .user_response_message import UserResponseMessage
from .user_update import UserUpdate

__all__ = (
    "Error",
    "ErrorErrorsItem",
    "MessageResponse",
    "MessageResponseMessage",
    "User",
    "UserCreate",
    "UserListResponse",
    "UserListResponseMessage",
    "UserResponse",
    "UserResponseMessage",
    "UserUpdate",
)
